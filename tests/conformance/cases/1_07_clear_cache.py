"""clear_cache() empties memory and disk and says whether the disk folder existed.

rule: 1.7
expect: same
runs: 2
both:
    cleared without disk: False
    ran 1
    ran p1
    cleared: True
    ran 1
    ran p1
    ! run 2
    ran p1
"""

import os

import cachelib as st


@st.cache
def memory(x):
    st.write("ran", x)
    return x


@st.cache(persist=True)
def disk(x):
    st.write("ran", x)
    return x


if not os.path.exists("second-run"):
    print("cleared without disk:", st.clear_cache())
    memory(1)
    disk("p1")
    print("cleared:", st.clear_cache())
    memory(1)
    disk("p1")
    st.clear_cache()
    with open("second-run", "w"):
        pass
else:
    disk("p1")
