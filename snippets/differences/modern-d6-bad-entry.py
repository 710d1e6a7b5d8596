import os
import tempfile
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache


@st.cache_data(persist="disk", max_entries=1)
def monthly_totals(year):
    print("  computing", year)
    return {"year": year, "jan": 1200, "feb": 980}


st.write(monthly_totals(2024))
entry = next(Path("cache/data").glob("*.entry"))
entry.write_bytes(b"")  # an empty file, as a crash in the middle of a write can leave

monthly_totals(2023)  # max_entries=1: 2024's copy in memory makes room for 2023's
st.write(monthly_totals(2024))  # not in memory: read from the damaged file
st.write("a whole entry was written again:", entry.stat().st_size > 0)
