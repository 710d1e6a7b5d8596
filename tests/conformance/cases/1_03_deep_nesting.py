"""Nesting of 100 levels hashes fine: equal structures hit.

rule: 1.3
expect: same
both:
    ran
    hit
"""

import cachelib as st


def nest(depth):
    value = [0]
    for _ in range(depth):
        value = [value]
    return value


@st.cache
def depth(x):
    st.write("ran")
    return 1


depth(nest(100))
depth(nest(100))
print("hit")
