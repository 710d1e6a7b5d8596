"""hash_funcs keys: a type, or exactly its fully qualified name, both work.

rule: 1.5
expect: same
both:
    ran type key
    ran name key
    done
"""

import threading

import cachelib as st


class Conn:
    def __init__(self, name):
        self.name = name
        self.lock = threading.RLock()


@st.cache(hash_funcs={Conn: lambda conn: conn.name})
def by_type(conn):
    st.write("ran type key")
    return conn.name


@st.cache(hash_funcs={"__main__.Conn": lambda conn: conn.name})
def by_name(conn):
    st.write("ran name key")
    return conn.name


by_type(Conn("db"))
by_type(Conn("db"))
by_name(Conn("db"))
by_name(Conn("db"))
print("done")
