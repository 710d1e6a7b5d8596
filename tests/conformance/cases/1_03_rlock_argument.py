"""An RLock argument cannot be hashed: UnhashableTypeError names the type, function and place.

rule: 1.3
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=guarded where=arguments
    ! uncaught
"""

import threading

import cachelib as st


@st.cache
def guarded(lock):
    st.write("ran")
    return 1


guarded(threading.RLock())
