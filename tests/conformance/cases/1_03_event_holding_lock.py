"""A threading.Event (which holds a lock): Streamlit hashes it through __reduce__, cachelib refuses
what pickle refuses.

rule: 1.3
expect: D4
cachelib:
    ! raised UnhashableTypeError type=_thread.lock func=wait_for where=arguments
    ! uncaught
streamlit:
    ran
    hit
"""

import threading

import cachelib as st


@st.cache
def wait_for(event):
    st.write("ran")
    return 1


event = threading.Event()
wait_for(event)
wait_for(event)
print("hit")
