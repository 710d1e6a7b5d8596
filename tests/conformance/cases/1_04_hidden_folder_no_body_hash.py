"""A script under a dot-folder gets no body hashing: no body error, and edits do not change the key.

rule: 1.4
expect: same
location: .hidden/app
both:
    ran v1
    [1, 1]
"""

import threading

import cachelib as st

LOCK = threading.RLock()


def run_with(lock):
    return 1


@st.cache
def guarded():
    st.write("ran v1")
    return run_with(LOCK)


a = guarded()


@st.cache
def guarded():
    st.write("ran v2")
    return run_with(LOCK) + 1


print([a, guarded()])
