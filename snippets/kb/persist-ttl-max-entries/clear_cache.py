import os
import tempfile
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache


@st.cache(persist=True)
def monthly_totals(year):
    st.write("  computing", year)
    return {"jan": 1200, "feb": 980}


monthly_totals(2023)
monthly_totals(2024)
st.write("entries on disk:", len(list(Path("cache").glob("*.entry"))))

st.write("clear_cache() returned", st.clear_cache())  # True: the folder existed
st.write("entries on disk:", len(list(Path("cache").glob("*.entry"))))
monthly_totals(2024)  # memory was emptied too: it runs again
