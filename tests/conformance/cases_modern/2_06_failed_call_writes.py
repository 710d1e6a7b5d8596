"""A function that writes and then raises: its writes are shown while it runs, nothing is
recorded, and the next call runs (and writes) again.

rule: 2.6
expect: same
both:
    trying 1
    ! raised RuntimeError: offline
    trying 1
    ! raised RuntimeError: offline
"""

import cachelib as st


@st.cache_data
def fetch(x):
    st.write(f"trying {x}")
    raise RuntimeError("offline")


for _ in range(2):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        fetch(1)
    except RuntimeError:
        pass
