"""A threading.Thread argument: Streamlit's file rule trips over the sys.stderr it holds
(InternalHashError, "No such file: '<stderr>'"); cachelib follows pickle, which refuses its locks.

rule: 1.3
expect: D4
cachelib:
    ! raised UnhashableTypeError type=_thread.lock func=start_worker where=arguments
    ! uncaught
streamlit:
    ! raised InternalHashError type=_io.TextIOWrapper func=start_worker where=arguments
    ! uncaught
"""

import threading

import cachelib as st


@st.cache
def start_worker(thread):
    st.write("ran")
    return thread.name


start_worker(threading.Thread(target=print, name="worker"))
