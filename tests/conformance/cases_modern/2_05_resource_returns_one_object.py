"""cache_resource returns the one stored object on every call and every rerun: a mutation is
seen by every later caller.

rule: 2.5
expect: same
runs: 2
both:
    ran
    same object True
    items [1, 'added']
    ! run 2
    same object True
    items [1, 'added', 'added']
"""

import cachelib as st


@st.cache_resource
def registry():
    print("ran")
    return [1]


first = registry()
st.write(f"same object {first is registry()}")
first.append("added")
st.write(f"items {registry()}")
