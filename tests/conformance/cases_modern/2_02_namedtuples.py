"""A namedtuple is a tuple: it is keyed by its items, like a plain tuple of the same items.

rule: 2.2
expect: same
both:
    ran Pair(a=1, b=2)
    ran Pair(a=1, b=3)
"""

import collections

import cachelib as st

Pair = collections.namedtuple("Pair", "a b")


@st.cache_data
def echo(value):
    print(f"ran {value}")
    return 0


for value in (Pair(1, 2), Pair(1, 2), Pair(1, 3)):
    echo(value)
