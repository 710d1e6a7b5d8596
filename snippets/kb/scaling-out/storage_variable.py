import os

import redis

import cachelib as st

# In production, set this in every replica's environment rather than in the code.
os.environ["CACHELIB_STORAGE"] = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


@st.cache_data(ttl="1h", persist="disk")  # unchanged code: the variable sends it to Redis
def load_catalog(shop):
    print("reading the catalog of", shop)
    return ["tea", "coffee"]


st.cache_data.clear()  # start from an empty cache: this example may have run before
load_catalog("lyon")
load_catalog("lyon")

store = redis.Redis.from_url(os.environ["CACHELIB_STORAGE"])
for key in store.scan_iter("cachelib:*"):
    print(key.decode(), "expires in", round(store.pttl(key) / 60_000), "minutes")
