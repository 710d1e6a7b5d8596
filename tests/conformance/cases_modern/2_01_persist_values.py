"""persist accepts "disk", True, None and False; each caches across reruns.

rule: 2.1
expect: same
runs: 2
both:
    ran disk
    ran true
    ran none
    ran false
    4 values
    ! run 2
    4 values
"""

import cachelib as st


@st.cache_data(persist="disk")
def on_disk():
    print("ran disk")
    return "disk"


@st.cache_data(persist=True)
def true():
    print("ran true")
    return "true"


@st.cache_data(persist=None)
def none():
    print("ran none")
    return "none"


@st.cache_data(persist=False)
def false():
    print("ran false")
    return "false"


values = {on_disk(), true(), none(), false()}
st.write(f"{len(values)} values")
