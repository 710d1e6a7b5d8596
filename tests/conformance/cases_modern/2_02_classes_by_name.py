"""As in 1.67, a class passed as an argument is keyed by its bare name: two classes named alike
(in different scopes) share an entry, and the second call returns the first class's result.

rule: 2.2
expect: same
both:
    ran Item
    first first
"""

import cachelib as st


def make(label):
    class Item:
        kind = label

    return Item


@st.cache_data
def describe(cls):
    print(f"ran {cls.__name__}")
    return cls.kind


st.write(f"{describe(make('first'))} {describe(make('second'))}")
