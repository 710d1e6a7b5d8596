"""The function key is the function's source text only: a global the body reads changes between
reruns, and the cached (stale) result keeps being returned.

rule: 2.2
expect: same
runs: 2
both:
    ran with rate 1
    price 10
    ! run 2
    price 10
"""

import os

import cachelib as st

with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RATE = os.path.getsize("reruns.txt")  # 1 on the first run, 2 on the second


@st.cache_data
def price(amount):
    print(f"ran with rate {RATE}")
    return amount * RATE


st.write(f"price {price(10)}")
