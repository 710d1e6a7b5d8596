"""persist="disk" ignores ttl: past the ttl, the value is still found (on disk) and the function
does not run again.

rule: 2.7
expect: same
runs: 2
both:
    ran 1
    ! run 2
    value 1
"""

import os
import time

import cachelib as st


@st.cache_data(persist="disk", ttl=0.3)
def load(x):
    print(f"ran {x}")
    return x


with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
if os.path.getsize("reruns.txt") == 1:
    load(1)
    time.sleep(0.5)
else:
    st.write(f"value {load(1)}")
