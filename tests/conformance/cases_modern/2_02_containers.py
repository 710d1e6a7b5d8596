"""Containers are keyed by their content in order: equal lists hit, a dict with the same items in
another insertion order is another entry, and nested content counts.

rule: 2.2
expect: same
both:
    ran [1, 2]
    ran [2, 1]
    ran {'a': 1, 'b': 2}
    ran {'b': 2, 'a': 1}
    ran {'a': [1, {2}]}
    ran {'a': [1, {3}]}
"""

import cachelib as st


@st.cache_data
def echo(x):
    print(f"ran {x}")
    return 0


for value in (
    [1, 2],
    [1, 2],
    [2, 1],
    {"a": 1, "b": 2},
    {"b": 2, "a": 1},
    {"a": 1, "b": 2},
    {"a": [1, {2}]},
    {"a": [1, {2}]},
    {"a": [1, {3}]},
):
    echo(value)
