import cachelib as st


@st.cache
def load_sales(region):
    st.write("Loading the sales of", region, "from the warehouse...")
    return [120, 98, 143]


st.write(load_sales("north"))
st.write(load_sales("north"))
