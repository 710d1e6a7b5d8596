"""threading.Lock arguments: Streamlit hashes every Lock to one constant (two locks share an
entry); cachelib refuses them.

rule: 1.3
expect: D4
cachelib:
    ! raised UnhashableTypeError type=_thread.lock func=use where=arguments
    ! raised UnhashableTypeError type=_thread.lock func=use where=arguments
    runs: 0
streamlit:
    runs: 1
"""

import threading

import cachelib as st

runs = []


@st.cache
def use(lock):
    runs.append(1)
    return id(lock)


for lock in (threading.Lock(), threading.Lock()):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        use(lock)
    except Exception:
        pass
print("runs:", len(runs))
