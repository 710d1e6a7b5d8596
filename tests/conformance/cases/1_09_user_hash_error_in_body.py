"""A hash function that raises on an object the body refers to: UserHashError naming it and the
function.

rule: 1.9
expect: same
both:
    ! raised UserHashError type=__main__.Conn func=query cause=RuntimeError
    ! uncaught
"""

import cachelib as st


class Conn:
    pass


CONN = Conn()


def refuse(conn):
    raise RuntimeError("cannot hash connections")


def run_on(conn):
    return 1


@st.cache(hash_funcs={Conn: refuse})
def query():
    return run_on(CONN)


query()
