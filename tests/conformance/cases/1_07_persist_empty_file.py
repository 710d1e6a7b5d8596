"""A zero-byte persisted file: Streamlit raises CacheError; cachelib warns and counts it as a miss.

rule: 1.7
expect: D6
runs: 2
cachelib:
    ran
    ! run 2
    ! warning CachePersistenceWarning
    ran
    4
streamlit:
    ran
    ! run 2
    ! raised CacheError: Unable to read from cache: Read zero byte file: "<tmp>/home/....pickle"
    ! uncaught
"""

import os

import cachelib as st

FOLDER = (
    os.environ["CACHELIB_CACHE_DIR"]
    if st.__name__ == "cachelib"
    else os.path.expanduser("~/.streamlit/cache")
)


@st.cache(persist=True)
def square(x):
    st.write("ran")
    return x * x


if os.path.exists("second-run"):
    print(square(2))
else:
    square(2)
    for name in os.listdir(FOLDER):
        if name.endswith((".pickle", ".entry")):
            open(os.path.join(FOLDER, name), "wb").close()
    with open("second-run", "w"):
        pass
