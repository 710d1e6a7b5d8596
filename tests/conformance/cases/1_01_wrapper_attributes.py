"""The wrapper is built with functools.wraps and has no .clear() attribute.

rule: 1.1
expect: same
both:
    load
    Load the rows.
    True
    False
    x
"""

import cachelib as st


def load(n):
    """Load the rows."""
    return list(range(n))


load.tag = "x"
cached = st.cache(load)
print(cached.__name__)
print(cached.__doc__)
print(cached.__wrapped__ is load)
print(hasattr(cached, "clear"))
print(getattr(cached, "tag", None))
