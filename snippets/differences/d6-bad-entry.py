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
entry.write_bytes(b"")  # an empty file, as a crash in the middle of a write can leave

time.sleep(0.3)  # the memory entry has expired: the next call reads the file
st.write(monthly_totals(2024))
st.write("a whole entry was written again:", entry.stat().st_size > 0)
