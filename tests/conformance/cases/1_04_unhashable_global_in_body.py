"""A body that passes an unhashable global (an RLock) to a call: UnhashableTypeError in the body.

rule: 1.4
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=guarded where=body
    ! uncaught
"""

import threading

import cachelib as st

LOCK = threading.RLock()


def run_with(lock):
    return 1


@st.cache
def guarded():
    st.write("ran")
    return run_with(LOCK)


guarded()
