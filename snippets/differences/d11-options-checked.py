import cachelib as st

st.write("decorating...")


@st.cache(max_entries="100")  # a string: refused here, before the function can run
def load_orders(day):
    st.write("load_orders ran")
    return []
