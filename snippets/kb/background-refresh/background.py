import threading
import time

import cachelib as st

runs = []  # the thread that ran the function


@st.cache_data(ttl=2, refresh_mode="background", show_spinner=False)
def exchange_rates():
    runs.append(threading.current_thread().name)
    time.sleep(1)  # a slow download
    return f"rates #{len(runs)}"


st.write("first call:  ", exchange_rates())
time.sleep(2.2)  # the ttl passes
st.write("stale, now:  ", exchange_rates())  # returns at once, and starts one refresh
st.write("stale, again:", exchange_rates())  # the refresh is running: no second one
time.sleep(2)  # the refresh ends
st.write("refreshed:   ", exchange_rates())
st.write("ran in:", runs)
