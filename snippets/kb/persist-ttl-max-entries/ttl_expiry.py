import time

import cachelib as st


@st.cache(ttl=0.4)  # seconds; a datetime.timedelta works too
def exchange_rate(currency):
    st.write(f"  fetching {currency}")
    return 1.08


def call_at(moment):
    st.write(f"t={moment}s:", exchange_rate("USD"))


call_at(0.0)
time.sleep(0.2)
call_at(0.2)  # a hit: the entry is 0.2 s old
time.sleep(0.3)
call_at(0.5)  # expired: 0.5 s after it was stored, although it was read at 0.2 s
