import cachelib as st


@st.cache_data
def load_sales(region):
    return [120, 98, 143]


sales = load_sales("north")
sales.sort()  # changes this caller's copy only
st.write(load_sales("north"))
