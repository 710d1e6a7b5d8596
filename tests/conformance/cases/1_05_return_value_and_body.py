"""hash_funcs also apply to the return value (mutation check) and to objects the body refers to.

rule: 1.5
expect: same
both:
    ran open
    ! warning CachedObjectMutationWarning func=open_conn
    ran body
    done
"""

import threading

import cachelib as st


class Conn:
    def __init__(self, name):
        self.name = name
        self.lock = threading.RLock()
        self.calls = 0


GLOBAL_CONN = Conn("global")


def use(conn):
    return conn.name


@st.cache(hash_funcs={Conn: lambda conn: conn.name})
def open_conn(name):
    st.write("ran open")
    return Conn(name)


@st.cache(hash_funcs={Conn: lambda conn: conn.name})
def body():
    st.write("ran body")
    return use(GLOBAL_CONN)


conn = open_conn("db")
conn.calls += 1
open_conn("db")
conn.name = "other"
open_conn("db")
body()
body()
print("done")
