import cachelib as st


@st.cache(persist=True, max_entries=100, ttl=3600)
def load_sales(region):
    return [120, 98, 143]


st.write(load_sales("north"))
