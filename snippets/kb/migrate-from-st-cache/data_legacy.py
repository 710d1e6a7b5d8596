import cachelib as st


@st.cache
def load_sales(region):
    st.write("querying sales for", region)
    return [120, 98, 143]


st.write(load_sales("north"))
st.write(load_sales("north"))
