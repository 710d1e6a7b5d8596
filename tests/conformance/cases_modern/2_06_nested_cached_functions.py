"""Nested cached functions: the outer miss records the inner function's writes too, so an outer
hit replays both; calling the inner one directly then hits and replays its own write.

rule: 2.6
expect: same
runs: 2
both:
    ran outer
    outer 1
    ran inner
    inner 1
    outer 1
    inner 1
    inner 1
    ! run 2
    outer 1
    inner 1
    inner 1
"""

import cachelib as st


@st.cache_data
def inner(x):
    print("ran inner")
    st.write(f"inner {x}")
    return x


@st.cache_resource
def outer(x):
    print("ran outer")
    st.write(f"outer {x}")
    return inner(x) + 1


with open("reruns.txt", "a") as log:
    log.write(".")
with open("reruns.txt") as log:
    RUN = len(log.read())
outer(1)
if RUN == 1:
    outer(1)
inner(1)
