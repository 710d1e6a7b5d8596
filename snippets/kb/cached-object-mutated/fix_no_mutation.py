import cachelib as st


@st.cache
def load_customers():
    st.write("  loading customers")
    return [{"name": "ada lovelace"}, {"name": "alan turing"}]


# New dicts for display; the cached ones are only read.
display = [{**customer, "name": customer["name"].title()} for customer in load_customers()]
st.write(display)
st.write(load_customers())
