"""A call that does not fit the signature and passes an unhashable value: Streamlit hashes the
arguments first and raises UnhashableParamError; cachelib binds them first and raises the
plain function's TypeError.

rule: 2.2
expect: D13
cachelib:
    ! raised TypeError: pair() got an unexpected keyword argument 'lock'
    ! raised TypeError: pair() takes 2 positional arguments but 3 were given
    done
streamlit:
    ! raised UnhashableParamError param=lock type=_thread.lock func=pair
    ! raised UnhashableParamError param=(unnamed) type=_thread.lock func=pair
    done
"""

import threading

import cachelib as st


@st.cache_resource
def pair(a, b):
    print("ran")
    return (a, b)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    pair(1, 2, lock=threading.Lock())
except Exception:
    pass
try:  # noqa: SIM105
    pair(1, 2, threading.Lock())
except Exception:
    pass
st.write("done")
