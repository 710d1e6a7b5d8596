"""An unhashable object inside a container argument: both refuse the argument with
UnhashableParamError naming the parameter and the function. The type each names differs
and is not compared: Streamlit names the argument's own type (here builtins.list), cachelib the
offending object's type inside it, as the contract's rules for messages require.

rule: 2.4
expect: same
both:
    ! raised UnhashableParamError param=items type=... func=count
    ! raised UnhashableParamError param=options type=... func=count
    done
"""

import threading

import cachelib as st


@st.cache_data
def count(items, options=None):
    print("ran")
    return len(items)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    count([1, threading.Lock()])
except st.UnhashableParamError:
    pass
try:  # noqa: SIM105
    count([1], options={"guard": threading.RLock()})
except st.UnhashableParamError:
    pass
st.write("done")
