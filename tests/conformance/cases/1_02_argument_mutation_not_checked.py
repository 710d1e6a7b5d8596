"""Mutating an argument inside the function is not warned about; it only makes later calls miss.

rule: 1.2
expect: same
both:
    ran []
    ran [0]
    2
"""

import cachelib as st


@st.cache
def grow(items):
    st.write("ran", items)
    items.append(0)
    return len(items)


shared = []
grow(shared)
print(grow(shared))
