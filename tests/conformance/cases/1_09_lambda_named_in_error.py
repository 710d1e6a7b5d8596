"""Errors name the cached function by its __name__: a lambda's error says `<lambda>`.

rule: 1.9
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=<lambda> where=arguments
    ! uncaught
"""

import threading

import cachelib as st

describe = st.cache(lambda lock: "a lock")
describe(threading.RLock())
