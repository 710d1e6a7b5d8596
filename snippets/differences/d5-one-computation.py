import time
from concurrent.futures import ThreadPoolExecutor

import cachelib as st


@st.cache
def build_report(month):
    st.write("  build_report ran for", month)
    time.sleep(0.2)  # a slow query
    return {"month": month, "orders": 1234}


# Four users open the same page at the same moment, each in its own thread.
with ThreadPoolExecutor(max_workers=4) as pool:
    reports = list(pool.map(build_report, ["2024-05"] * 4))

st.write("every user got the same object:", all(r is reports[0] for r in reports))
