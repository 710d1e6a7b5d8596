import cachelib as st


@st.cache_data(persist="disk", max_entries=100, ttl="1h")
def load_sales(region):
    return [120, 98, 143]


st.write(load_sales("north"))
