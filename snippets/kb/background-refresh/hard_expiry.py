import threading
import time

import cachelib as st

runs = []


@st.cache_data(ttl=0.3, refresh_mode="background")
def exchange_rates():
    runs.append(threading.current_thread().name)
    return f"rates #{len(runs)}"


st.write(exchange_rates())
time.sleep(0.8)  # nobody asked for twice the ttl: the entry is gone
st.write(exchange_rates())  # computed by this caller, which waits
st.write("ran in:", runs)
