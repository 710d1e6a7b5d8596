"""A persisted None is an entry like any other: the next process does not run the function.

rule: 1.7
expect: same
runs: 2
both:
    ran
    None
    ! run 2
    None
"""

import cachelib as st


@st.cache(persist=True)
def nothing():
    st.write("ran")


print(nothing())
