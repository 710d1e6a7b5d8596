import os
import tempfile
import time
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache


@st.cache(persist=True, ttl=0.2)  # the short ttl lets this script read its entry back
def monthly_totals(year):
    st.write("  computing", year)
    return {"jan": 1200, "feb": 980}


st.write(monthly_totals(2024))

entry = next(Path("cache").glob("*.entry"))
data = entry.read_bytes()
entry.write_bytes(data[:-1] + bytes([data[-1] ^ 1]))  # one bit flipped, as by a bad disk

time.sleep(0.3)  # the memory entry has expired: the next call reads the file
st.write(monthly_totals(2024))
st.write(monthly_totals(2024))
