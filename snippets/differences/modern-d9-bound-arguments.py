import cachelib as st

runs = []


@st.cache_data
def orders(customer, page=1):
    runs.append((customer, page))
    return [f"order {n} of {customer}" for n in range(page * 2 - 1, page * 2 + 1)]


orders("acme")
orders("acme", 1)
orders(customer="acme", page=1)
orders(page=1, customer="acme")
st.write("runs for page 1:", len(runs))
