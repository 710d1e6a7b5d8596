"""A hash function that raises: UserHashError naming the original error, the function and the type.

rule: 1.5
expect: same
both:
    ! raised UserHashError type=__main__.Conn func=load cause=KeyError
    ! uncaught
"""

import cachelib as st


class Conn:
    def __init__(self):
        self.settings = {}


def by_host(conn):
    return conn.settings["host"]


@st.cache(hash_funcs={Conn: by_host})
def load(conn):
    st.write("ran")
    return 1


load(Conn())
