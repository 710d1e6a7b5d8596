"""A persisted entry damaged on disk (emptied): Streamlit raises CacheError on the read;
cachelib warns with CachePersistenceWarning, counts it as a miss and runs the function.

rule: 2.7
expect: D6
runs: 2
cachelib:
    ran 1
    ! run 2
    ! warning CachePersistenceWarning
    ran 1
    value 1
streamlit:
    ran 1
    ! run 2
    ! raised CacheError
    ! uncaught
"""

import os

import cachelib as st

FOLDER = (
    os.environ["CACHELIB_CACHE_DIR"]
    if st.__name__ == "cachelib"
    else os.path.expanduser("~/.streamlit/cache")
)
with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")


@st.cache_data(persist="disk", max_entries=10 * RUN)  # a new memory cache on every rerun
def load(x):
    print(f"ran {x}")
    return x


if RUN == 1:
    load(1)
    for folder, _, names in os.walk(FOLDER):
        for name in names:
            if name.endswith((".memo", ".entry")):
                open(os.path.join(folder, name), "wb").close()
else:
    st.write(f"value {load(1)}")
