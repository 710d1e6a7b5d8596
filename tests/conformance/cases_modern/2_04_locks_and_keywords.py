"""Locks cannot be hashed; passed by keyword, the error names the keyword.

rule: 2.4
expect: same
both:
    ! raised UnhashableParamError param=guard type=_thread.lock func=guarded
    ! raised UnhashableParamError param=guard type=_thread.RLock func=guarded
    ! raised UnhashableParamError param=guard type=_thread.lock func=guarded
    done
"""

import threading

import cachelib as st


@st.cache_resource
def guarded(n, guard=None):
    print("ran")
    return n


for call in (
    lambda: guarded(1, threading.Lock()),
    lambda: guarded(1, guard=threading.RLock()),
    lambda: guarded(guard=threading.Lock(), n=2),
):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        call()
    except st.UnhashableParamError:
        pass
st.write("done")
