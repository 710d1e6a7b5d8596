"""persist="disk": when the function's memory cache is replaced (its max_entries changed between
reruns), the entry is read back from disk and the function does not run again.

rule: 2.7
expect: same
runs: 2
both:
    ran 1
    value 1
    ! run 2
    value 1
"""

import os

import cachelib as st

with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
LIMIT = 10 * os.path.getsize("reruns.txt")  # 10, then 20: a new memory cache


@st.cache_data(persist="disk", max_entries=LIMIT)
def load(x):
    print(f"ran {x}")
    return x


st.write(f"value {load(1)}")
