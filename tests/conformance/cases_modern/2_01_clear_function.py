"""f.clear() empties that function's cache only: its next calls run again, while another
function keeps its entries.

rule: 2.1
expect: same
runs: 2
both:
    ran f 1
    ran f 2
    ran g 1
    ! run 2
    ran f 1
    ran f 2
"""

import os

import cachelib as st


@st.cache_data
def f(x):
    print(f"ran f {x}")
    return x


@st.cache_resource
def g(x):
    print(f"ran g {x}")
    return x


with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
if RUN == 2:
    f.clear()
f(1)
f(2)
g(1)
