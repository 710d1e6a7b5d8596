"""scope="session": the entries of one session are kept across its reruns, for both decorators,
and cleared by f.clear() and cache_data.clear() like global ones.

rule: 2.1
expect: same
runs: 3
both:
    ran data 1
    ran resource 1
    ! run 2
    clearing
    ! run 3
    ran data 1
    ran resource 1
"""

import os

import cachelib as st


@st.cache_data(scope="session")
def data(x):
    print(f"ran data {x}")
    return x


@st.cache_resource(scope="session")
def resource(x):
    print(f"ran resource {x}")
    return x


data(1)
resource(1)
with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
if RUN == 2:
    st.write("clearing")
    st.cache_data.clear()
    resource.clear()
