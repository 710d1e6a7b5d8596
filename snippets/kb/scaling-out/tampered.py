import multiprocessing
import os
import pickle

import redis

import cachelib as st

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


@st.cache_data(persist=REDIS_URL)
def exchange_rate(currency):
    return {"currency": currency, "rate": 1.08, "computed_by": os.getpid()}


def other_replica(currency):
    exchange_rate(currency)


if __name__ == "__main__":
    exchange_rate.clear()
    # Another replica computes the rate; Redis now holds it, signed with CACHELIB_SECRET.
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pool.apply(other_replica, ("USD",))

    # Someone who can write to Redis, but does not know the secret, replaces the entry.
    store = redis.Redis.from_url(REDIS_URL)
    for key in store.scan_iter("cachelib:*"):
        store.set(key, pickle.dumps(({"currency": "USD", "rate": 99.0}, ())))

    rate = exchange_rate("USD")  # the forged entry is not unpickled: computed again
    print("rate:", rate["rate"], "- computed here:", rate["computed_by"] == os.getpid())
