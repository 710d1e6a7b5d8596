"""An unpicklable result with persist: Streamlit raises and leaves a zero-byte file; cachelib
warns, returns it, leaves no file.

rule: 1.7
expect: D6
runs: 2
cachelib:
    ran
    ! warning CachePersistenceWarning
    got: Holder
    files: []
    ! run 2
    ran
    ! warning CachePersistenceWarning
    got: Holder
    files: []
streamlit:
    ran
    ! raised TypeError: cannot pickle '_thread.lock' object
    files: [0]
    ! run 2
    ! raised CacheError: Unable to read from cache: Read zero byte file: ...
    files: [0]
"""

import os
import threading

import cachelib as st

FOLDER = (
    os.environ["CACHELIB_CACHE_DIR"]
    if st.__name__ == "cachelib"
    else os.path.expanduser("~/.streamlit/cache")
)


class Holder:
    def __init__(self):
        self.lock = threading.Lock()


@st.cache(persist=True, hash_funcs={Holder: id})
def make():
    st.write("ran")
    return Holder()


try:  # noqa: SIM105 (the observer records what except clauses catch)
    print("got:", type(make()).__name__)
except Exception:
    pass
entries = [n for n in os.listdir(FOLDER) if n.endswith((".pickle", ".entry"))]
print("files:", [os.path.getsize(os.path.join(FOLDER, n)) for n in entries])
