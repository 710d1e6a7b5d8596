import cachelib as st

ORDERS = {"ann": ["tea", "scones"], "bob": ["coffee"]}


@st.cache_data
def orders_of(user):  # the user is part of the key
    return ORDERS[user]


def script_run(user):
    """One run of the app's script, in one user's session."""
    st.write(user, "sees", orders_of(user))


script_run("ann")
script_run("bob")
script_run("ann")  # a hit: ann's own entry
