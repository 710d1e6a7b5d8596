"""Typical hash functions: id (one entry per object) and lambda _: None (the type is ignored).

rule: 1.5
expect: same
both:
    by id 1
    by id 2
    ignored 1
    [1, 2, 1, 1, 1]
"""

import threading

import cachelib as st


class Conn:
    def __init__(self, n):
        self.n = n
        self.lock = threading.RLock()


@st.cache(hash_funcs={Conn: id})
def by_id(conn):
    st.write("by id", conn.n)
    return conn.n


@st.cache(hash_funcs={Conn: lambda _: None})
def ignored(conn):
    st.write("ignored", conn.n)
    return conn.n


first, second = Conn(1), Conn(2)
print([by_id(first), by_id(second), by_id(first), ignored(first), ignored(second)])
