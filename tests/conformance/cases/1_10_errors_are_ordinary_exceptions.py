"""In bare mode errors are ordinary, catchable Python exceptions; the script goes on and caching
still works.

rule: 1.10
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=load where=arguments
    caught UnhashableTypeError
    ran 1
    [1, 1]
"""

import threading

import cachelib as st


@st.cache
def load(x):
    st.write("ran", x)
    return x


try:
    load(threading.RLock())
except Exception as error:
    print("caught", type(error).__name__)
print([load(1), load(1)])
