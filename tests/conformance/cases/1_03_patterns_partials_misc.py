"""re.Pattern, functools.partial, mappingproxy and dict_items are hashed by content.

rule: 1.3
expect: same
both:
    ran Pattern
    ran Pattern
    ran partial
    ran partial
    ran dict_items
    ran mappingproxy
    hit
"""

import functools
import re
import types

import cachelib as st


@st.cache
def kind(x):
    st.write("ran", type(x).__name__)
    return 1


values = [
    re.compile("a+"),
    re.compile("a+", re.IGNORECASE),
    functools.partial(int, base=2),
    functools.partial(int, base=8),
    {"a": 1}.items(),
    types.MappingProxyType({"a": 1}),
]
for value in values:
    kind(value)
kind(re.compile("a+"))
kind(functools.partial(int, base=2))
kind({"a": 1}.items())
kind(types.MappingProxyType({"a": 1}))
print("hit")
