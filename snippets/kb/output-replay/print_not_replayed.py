import cachelib as st


@st.cache_data
def load_sales(region):
    print("querying the warehouse for", region)  # to the console, on misses only
    return [120, 98, 143]


st.write(load_sales("north"))
st.write(load_sales("north"))
