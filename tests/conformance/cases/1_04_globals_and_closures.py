"""Values of referenced globals and closure cells are part of the key.

rule: 1.4
expect: same
both:
    ran 10
    ran 20
    closure 1
    closure 2
    [10, 20, 1, 2]
"""

import cachelib as st

FACTOR = 10


def scale():
    st.write("ran", FACTOR)
    return FACTOR


a = st.cache(scale)()
FACTOR = 20
b = st.cache(scale)()


def make(n):
    @st.cache
    def value():
        st.write("closure", n)
        return n

    return value


print([a, b, make(1)(), make(2)()])
