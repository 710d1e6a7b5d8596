"""An unhashable extra positional argument (*args): Streamlit has no parameter name for it and
reports '(unnamed)'; cachelib binds the call first and names the *args parameter (the
report may mark it with its star).

rule: 2.4
expect: D9
cachelib:
    ! raised UnhashableParamError param=...values type=_thread.lock func=total
streamlit:
    ! raised UnhashableParamError param=(unnamed) type=_thread.lock func=total
"""

import threading

import cachelib as st


@st.cache_data
def total(*values):
    return len(values)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    total(1, threading.Lock())
except st.UnhashableParamError:
    pass
