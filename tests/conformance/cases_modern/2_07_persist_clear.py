"""cache_data.clear() and f.clear() remove persisted entries too: after either, replacing the
memory cache does not bring the value back.

rule: 2.7
expect: same
runs: 3
both:
    ran a
    ran b
    ! run 2
    ran a
    ran b
    ! run 3
    ran a
"""

import os

import cachelib as st

with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
LIMIT = 10 * RUN  # a new memory cache on every rerun


@st.cache_data(persist="disk", max_entries=LIMIT)
def a():
    print("ran a")


@st.cache_data(persist=True, max_entries=LIMIT)
def b():
    print("ran b")


a()
b()
if RUN == 1:
    st.cache_data.clear()
elif RUN == 2:
    a.clear()
