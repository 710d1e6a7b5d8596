import os
import tempfile
import time

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache


@st.cache(persist=True, ttl=0.2)
def exchange_rate(currency):
    st.write(f"  fetching {currency}")
    return 1.08


st.write(exchange_rate("USD"))
time.sleep(0.3)  # the entry in memory has expired...
st.write(exchange_rate("USD"))  # ...but the one on disk has not: no fetch
