"""A None result is cached like any value; a call that raises caches nothing, so the next call
runs again and the exception reaches the caller each time.

rule: 2.5
expect: same
runs: 2
both:
    ran nothing
    ran failing
    ! raised ValueError: no data
    ran failing
    ! raised ValueError: no data
    ! run 2
    ran failing
    ! raised ValueError: no data
    ran failing
    ! raised ValueError: no data
"""

import cachelib as st


@st.cache_data
def nothing():
    print("ran nothing")


@st.cache_resource
def failing():
    print("ran failing")
    raise ValueError("no data")


nothing()
nothing()
for _ in range(2):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        failing()
    except ValueError:
        pass
