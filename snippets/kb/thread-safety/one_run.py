import threading
import time
from concurrent.futures import ThreadPoolExecutor

import cachelib as st

runs = []


@st.cache_data
def load_catalog(shop):
    runs.append(shop)
    time.sleep(0.3)  # a slow query
    return [f"{shop} item {n}" for n in range(3)]


start = threading.Barrier(8)


def script_run(shop):
    """Eight sessions open the app at the same moment."""
    start.wait()
    return load_catalog(shop)


with ThreadPoolExecutor(max_workers=8) as pool:
    results = list(pool.map(script_run, ["lyon"] * 6 + ["nice"] * 2))

st.write("runs:", sorted(runs))  # one per key
st.write("every lyon session got the catalog:", all(r == results[0] for r in results[:6]))
