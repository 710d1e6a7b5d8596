"""Redefining a function with other logic is a new key; comments and blank lines are not.

rule: 1.4
expect: same
both:
    v1 ran
    v2 ran
    [1, 2, 2]
"""

import cachelib as st


@st.cache
def load():
    st.write("v1 ran")
    return 1


a = load()


@st.cache
def load():
    st.write("v2 ran")
    return 2


b = load()


@st.cache
def load():
    # a comment, and a blank line below

    st.write("v2 ran")
    return 2


c = load()
print([a, b, c])
