"""persist="disk" and a return value pickle refuses: UnserializableReturnValueError as without
persist, and no entry file is left behind.

rule: 2.7
expect: same
both:
    ran
    ! raised UnserializableReturnValueError type=__main__.Holder func=connect
    entry files 0
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


@st.cache_data(persist="disk")
def connect():
    print("ran")
    return Holder()


try:  # noqa: SIM105 (the observer records what except clauses catch)
    connect()
except st.UnserializableReturnValueError:
    pass
entries = [
    name for _, _, names in os.walk(FOLDER) for name in names if name.endswith((".memo", ".entry"))
]
st.write(f"entry files {len(entries)}")
