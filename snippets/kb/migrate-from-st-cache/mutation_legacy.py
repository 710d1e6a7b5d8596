import cachelib as st


@st.cache
def load_sales(region):
    return [120, 98, 143]


sales = load_sales("north")
sales.sort()  # changes the cached list itself
st.write(load_sales("north"))
