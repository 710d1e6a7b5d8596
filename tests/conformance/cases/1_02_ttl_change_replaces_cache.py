"""Decorating the same function with another ttl replaces its cache: entries are lost, both ways.

rule: 1.2
expect: same
both:
    ran 1
    ran 1
    ran 1
    hit
"""

import cachelib as st


def load(x):
    st.write("ran", x)
    return [x]


forever = st.cache(load)
forever(1)
five_minutes = st.cache(ttl=300)(load)
five_minutes(1)
forever(1)
forever(1)
print("hit")
