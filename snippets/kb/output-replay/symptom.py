import cachelib as st

runs = []


@st.cache_data
def load_sales(region):
    runs.append(region)
    st.write("Loading the sales of", region, "from the warehouse...")
    return [120, 98, 143]


st.write(load_sales("north"))  # a miss: the function runs
st.write(load_sales("north"))  # a hit: the function does not run
st.write("runs:", len(runs))
