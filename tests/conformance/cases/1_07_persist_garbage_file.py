"""A garbage persisted file: Streamlit lets the raw unpickling error escape; cachelib warns and
recomputes.

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
    ! raised UnpicklingError: ...
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
            with open(os.path.join(FOLDER, name), "r+b") as handle:
                data = handle.read()
                handle.seek(0)
                handle.write(b"\x80\x05garbage" + data[: len(data) // 2])
                handle.truncate()
    with open("second-run", "w"):
        pass
