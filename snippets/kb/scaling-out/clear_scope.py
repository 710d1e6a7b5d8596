import os

import redis

import cachelib as st

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")
store = redis.Redis.from_url(REDIS_URL)
store.set("app:feature-flags", "dark-mode")  # something else the app keeps in this database


@st.cache_data(persist=REDIS_URL)
def price(item):
    return {"tea": 3.5, "coffee": 2.9}[item]


@st.cache_data(persist=REDIS_URL)
def stock(item):
    return 12


def entries():
    return len(list(store.scan_iter("cachelib:*")))


price("tea"), price("coffee"), stock("tea")
stored = entries()
price.clear()
print("price.clear() deleted", stored - entries(), "entries")
st.cache_data.clear()
print("after st.cache_data.clear():", entries(), "cachelib keys")
print("app:feature-flags is still", store.get("app:feature-flags").decode())
store.delete("app:feature-flags")
