import cachelib as st


@st.cache
def load_customers():
    st.write("  loading customers")
    return [{"name": "ada lovelace"}, {"name": "alan turing"}]


for customer in load_customers():
    customer["name"] = customer["name"].title()  # changes the cached dicts in place

st.write(load_customers())
