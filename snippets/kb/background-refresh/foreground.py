import threading
import time

import cachelib as st

runs = []  # the thread that ran the function: that caller waited for it


@st.cache_data(ttl=1)
def exchange_rates():
    runs.append(threading.current_thread().name)
    time.sleep(0.1)  # a slow download
    return f"rates #{len(runs)}"


st.write(exchange_rates())
time.sleep(1.2)  # the ttl passes
st.write(exchange_rates())  # this caller downloads again, and waits
st.write("ran in:", runs)
