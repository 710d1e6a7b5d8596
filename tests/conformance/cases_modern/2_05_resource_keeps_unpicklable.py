"""cache_resource never pickles: an unpicklable object (a lock, a connection) is stored and
returned as is.

rule: 2.5
expect: same
runs: 2
both:
    ran
    lock True connection True
    ! run 2
    lock True connection True
"""

import sqlite3
import threading

import cachelib as st


@st.cache_resource
def resources():
    print("ran")
    return threading.Lock(), sqlite3.connect(":memory:", check_same_thread=False)


lock, connection = resources()
again = resources()
st.write(f"lock {again[0] is lock} connection {again[1] is connection}")
