import os

import cachelib as st

os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache


@st.cache_data(persist="disk", max_entries=100, ttl="1h")
def load_sales(region):
    return [120, 98, 143]


st.write(load_sales("north"))
