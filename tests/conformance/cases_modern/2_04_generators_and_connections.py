"""Other objects pickle cannot reduce are refused the same way: a generator, a sqlite3
connection.

rule: 2.4
expect: same
both:
    ! raised UnhashableParamError param=source type=builtins.generator func=consume
    ! raised UnhashableParamError param=source type=sqlite3.Connection func=consume
    done
"""

import sqlite3

import cachelib as st


@st.cache_data
def consume(source):
    return 1


try:  # noqa: SIM105 (the observer records what except clauses catch)
    consume(x for x in range(3))
except st.UnhashableParamError:
    pass
connection = sqlite3.connect(":memory:")
try:  # noqa: SIM105
    consume(connection)
except st.UnhashableParamError:
    pass
connection.close()
st.write("done")
