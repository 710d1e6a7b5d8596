"""A call that does not fit the signature and passes an unhashable value: Streamlit hashes the
arguments first and raises UnhashableTypeError; cachelib binds them first and raises the plain
function's TypeError.

rule: 1.2
expect: D13
cachelib:
    ! raised TypeError: describe() got an unexpected keyword argument 'colour'
    ! raised TypeError: describe() takes 1 positional argument but 2 were given
    done
streamlit:
    ! raised UnhashableTypeError type=_thread.RLock func=describe where=arguments
    ! raised UnhashableTypeError type=_thread.RLock func=describe where=arguments
    done
"""

import threading

import cachelib as st


@st.cache
def describe(item):
    st.write("ran")
    return str(item)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    describe(1, colour=threading.RLock())  # a typo'd keyword
except Exception:
    pass
try:  # noqa: SIM105
    describe(1, threading.RLock())  # one argument too many
except Exception:
    pass
print("done")
