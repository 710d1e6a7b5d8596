"""The function key includes the qualified name: the same body under two names has two caches.

rule: 1.2
expect: same
both:
    ran
    ran
    [1] [1] False
"""

import cachelib as st


def body():
    st.write("ran")
    return [1]


@st.cache
def first():
    st.write("ran")
    return [1]


@st.cache
def second():
    st.write("ran")
    return [1]


a, b = first(), second()
print(a, b, a is b)
