"""Parameters whose name starts with "_" are left out of the key: different values hit the same
entry, and an unhashable one (a lock) is accepted, positional or keyword.

rule: 2.2
expect: same
runs: 2
both:
    ran 1
    ran 2
    1 1 2 2
    ! run 2
    1 1 2 2
"""

import threading

import cachelib as st


@st.cache_data
def query(_connection, n):
    print(f"ran {n}")
    return n


first, second = threading.Lock(), threading.RLock()
values = [query(first, 1), query(second, n=1), query(_connection=first, n=2), query(second, 2)]
st.write(" ".join(str(value) for value in values))
