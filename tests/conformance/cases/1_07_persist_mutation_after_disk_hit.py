"""A disk hit is written back to memory with a fresh output hash: mutating it is then detected.

rule: 1.7
expect: same
runs: 2
both:
    ran
    ! run 2
    ! warning CachedObjectMutationWarning func=rows
    [1, 2, 3, 4]
"""

import os

import cachelib as st


@st.cache(persist=True)
def rows():
    st.write("ran")
    return [1, 2, 3]


value = rows()
if os.path.exists("second-run"):
    value.append(4)
    print(rows())
with open("second-run", "w"):
    pass
