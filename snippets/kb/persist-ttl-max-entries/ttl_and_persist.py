import time

import cachelib as st


@st.cache(persist=True, ttl=0.2)
def exchange_rate(currency):
    st.write(f"  fetching {currency}")
    return 1.08


st.write(exchange_rate("USD"))
time.sleep(0.3)  # the entry in memory has expired...
st.write(exchange_rate("USD"))  # ...but the one on disk has not: no fetch
