import time

import cachelib as st

runs = []


@st.cache_data(ttl="400ms")  # a number of seconds, a timedelta, or "10m", "1h", "1d"...
def exchange_rate(currency):
    runs.append(currency)
    return 1.08


def call_at(moment):
    exchange_rate("USD")
    st.write(f"t={moment}s: runs so far: {len(runs)}")


call_at(0.0)
time.sleep(0.2)
call_at(0.2)  # a hit: the entry is 0.2 s old
time.sleep(0.3)
call_at(0.5)  # expired: 0.5 s after it was stored, although it was read at 0.2 s
