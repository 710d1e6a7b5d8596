"""Dicts are hashed in insertion order: {"a": 1, "b": 2} and {"b": 2, "a": 1} are two entries.

rule: 1.3
expect: same
both:
    ran ['a', 'b']
    ran ['b', 'a']
    hit
"""

import cachelib as st


@st.cache
def keys(d):
    st.write("ran", list(d))
    return sorted(d)


keys({"a": 1, "b": 2})
keys({"b": 2, "a": 1})
keys({"a": 1, "b": 2})
print("hit")
