import cachelib as st


@st.cache_data(suppress_st_warning=True)  # a legacy option the newer API does not have
def load_sales(region):
    return [120, 98, 143]
