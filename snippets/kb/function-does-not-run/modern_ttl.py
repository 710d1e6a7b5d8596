import time

import cachelib as st

QUOTES = {"ACME": 101.0}  # stands for a price service that changes all the time
runs = []


@st.cache_data(ttl=0.2)  # seconds; in an app, rather ttl="1m" or more
def latest_quote(symbol):
    runs.append(symbol)
    return QUOTES[symbol]


st.write("quote:", latest_quote("ACME"))
QUOTES["ACME"] = 99.5  # the service moves on
st.write("quote:", latest_quote("ACME"))  # within the ttl: the stored quote

time.sleep(0.3)  # the entry is now older than its ttl
st.write("quote:", latest_quote("ACME"))
st.write("runs:", len(runs))
