"""refresh_mode="background": a function that writes shows its output on the miss only, with a
CachedStFunctionInBackgroundModeWarning after it ran; hits replay nothing.

rule: 2.6
expect: same
runs: 2
both:
    before
    wrote 1
    ! warning CachedStFunctionInBackgroundModeWarning
    after 1
    after 1
    ! run 2
    before
    after 1
"""

import cachelib as st


@st.cache_data(ttl=60, refresh_mode="background")
def show(x):
    st.write(f"wrote {x}")
    return x


st.write("before")
st.write(f"after {show(1)}")
with open("reruns.txt", "a") as log:
    log.write(".")
with open("reruns.txt") as log:
    RUN = len(log.read())
if RUN == 1:
    st.write(f"after {show(1)}")
