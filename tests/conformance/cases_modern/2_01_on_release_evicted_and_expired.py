"""on_release is called with the value a cache_resource entry held when max_entries evicts it,
and for an expired entry when the cache next stores a value (after the function ran again).

rule: 2.1
expect: same
runs: 2
both:
    ran slot 1
    ran slot 2
    released slot-1
    ran short 1
    ! run 2
    ran short 1
    released short-1
"""

import os
import time

import cachelib as st


def release(value):
    print(f"released {value}")


@st.cache_resource(max_entries=1, on_release=release)
def slot(x):
    print(f"ran slot {x}")
    return f"slot-{x}"


@st.cache_resource(ttl=0.4, on_release=release)
def short(x):
    print(f"ran short {x}")
    return f"short-{x}"


with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
if RUN == 1:
    slot(1)
    slot(2)  # evicts slot(1)
    short(1)
    time.sleep(0.6)
else:
    short(1)  # expired
