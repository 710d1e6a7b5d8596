"""ttl as a datetime.timedelta behaves as the same number of seconds.

rule: 2.1
expect: same
runs: 3
both:
    ran 1
    ! run 2
    waiting
    ! run 3
    ran 1
"""

import datetime
import time

import cachelib as st


@st.cache_resource(ttl=datetime.timedelta(seconds=1))
def echo(x):
    print(f"ran {x}")
    return x


echo(1)
with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
with open("reruns.txt") as log:
    RUN = len(log.read())
if RUN == 2:
    st.write("waiting")
    time.sleep(1.2)
