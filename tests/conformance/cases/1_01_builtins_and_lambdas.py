"""Builtins, library functions and lambdas can be cached: st.cache(len), st.cache(json.dumps).

rule: 1.1
expect: same
both:
    3 3
    {"a": 1} True
    lambda 4
    16 16
"""

import json

import cachelib as st

cached_len = st.cache(len)
print(cached_len([1, 2, 3]), cached_len([1, 2, 3]))

cached_dumps = st.cache(json.dumps)
first = cached_dumps({"a": 1})
print(first, cached_dumps({"a": 1}) is first)


def _square(x):
    st.write("lambda", x)
    return x * x


square = st.cache(lambda x: _square(x))
print(square(4), square(4))
