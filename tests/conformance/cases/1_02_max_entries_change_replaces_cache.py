"""Decorating the same function with another max_entries also starts it over with an empty cache.

rule: 1.2
expect: same
both:
    ran 1
    ran 2
    ran 1
    ran 2
"""

import cachelib as st


def load(x):
    st.write("ran", x)
    return [x]


a = st.cache(max_entries=10)(load)
a(1)
a(2)
b = st.cache(max_entries=20)(load)
b(1)
b(1)
b(2)
