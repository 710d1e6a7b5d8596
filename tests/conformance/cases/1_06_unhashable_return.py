"""An unhashable return value: UnhashableTypeError after the function ran; nothing is cached, so it
runs again.

rule: 1.6
expect: same
both:
    ran
    ! raised UnhashableTypeError type=_thread.RLock func=make_lock where=return value
    ran
    ! raised UnhashableTypeError type=_thread.RLock func=make_lock where=return value
    done
"""

import threading

import cachelib as st


@st.cache
def make_lock():
    st.write("ran")
    return {"lock": threading.RLock()}


for _ in range(2):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        make_lock()
    except Exception:
        pass
print("done")
