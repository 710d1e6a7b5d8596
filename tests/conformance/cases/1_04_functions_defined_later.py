"""The key is computed at the first call, so helpers defined after the decorated function are seen.

rule: 1.4
expect: same
both:
    ran 3
    [3, 3]
"""

import cachelib as st


@st.cache
def total():
    value = later() + 1
    st.write("ran", value)
    return value


def later():
    return 2


print([total(), total()])
