import threading

import cachelib as st


@st.cache
def describe(item):
    return str(item)


describe(threading.RLock(), colour="red")  # a typo'd call: `describe` has no `colour`
