"""refresh_mode="background": once the ttl has passed, a call returns the stale value at once and
the function runs again in the background; a later rerun gets the new value.

rule: 2.1
expect: same
runs: 3
both:
    version 1
    ! run 2
    version 1
    ! run 3
    version 2
"""

import os
import time

import cachelib as st


@st.cache_data(ttl=1.0, refresh_mode="background")
def version():
    with open("versions.txt", "a") as log:  # counts the runs of the function
        log.write(".")
    return os.path.getsize("versions.txt")


with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
if RUN == 2:
    time.sleep(1.2)  # past the ttl, within the hard expiry (twice the ttl)
st.write(f"version {version()}")
if RUN == 2:
    time.sleep(0.3)  # the refresh finishes
