"""refresh_mode="background": past twice the ttl the entry is gone, and the call runs the
function in the foreground, as a miss.

rule: 2.1
expect: same
runs: 2
both:
    ran
    version 1
    ! run 2
    ran
    version 2
"""

import os
import time

import cachelib as st


@st.cache_resource(ttl=0.3, refresh_mode="background")
def version():
    print("ran")
    with open("versions.txt", "a") as log:  # counts the runs of the function
        log.write(".")
    return os.path.getsize("versions.txt")


with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
if RUN == 2:
    time.sleep(0.8)
st.write(f"version {version()}")
