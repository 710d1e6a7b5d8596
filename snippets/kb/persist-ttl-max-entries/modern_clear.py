import os
import tempfile
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache
runs = []


@st.cache_data(persist="disk")
def monthly_totals(year):
    runs.append(year)
    return {"jan": 1200, "feb": 980}


def entries_on_disk():
    return len(list(Path("cache/data").glob("*.entry")))


monthly_totals(2023)
monthly_totals(2024)
st.write("entries on disk:", entries_on_disk())

monthly_totals.clear(2023)  # the entry of these arguments, in memory and on disk
st.write("after clear(2023):", entries_on_disk())

st.cache_data.clear()  # every cache_data entry, in memory and on disk
st.write("after st.cache_data.clear():", entries_on_disk())
monthly_totals(2024)  # memory was emptied too: it runs again
st.write("runs:", runs)
