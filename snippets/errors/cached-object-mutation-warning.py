import cachelib as st


@st.cache
def top_products():
    return ["tea", "coffee", "cocoa"]


top_products().sort()  # sorts the cached list in place

st.write(top_products())
