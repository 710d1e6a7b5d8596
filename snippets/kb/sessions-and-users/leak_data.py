import cachelib as st

ORDERS = {"ann": ["tea", "scones"], "bob": ["coffee"]}
session = {}  # stands for what identifies the user in an app: st.session_state, st.user


@st.cache_data
def my_orders():
    return ORDERS[session["user"]]  # the user is not an argument: not in the key


def script_run(user):
    """One run of the app's script, in one user's session."""
    session["user"] = user
    st.write(user, "sees", my_orders())


script_run("ann")
script_run("bob")
