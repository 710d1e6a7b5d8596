import cachelib as st


@st.cache_data(max_entries="100")  # a string where a number is expected
def load_orders(day):
    return [day]
