"""Functions the body calls are hashed too: redefining a helper invalidates its caller.

rule: 1.4
expect: same
both:
    ran 1
    ran 2
    [1, 2]
"""

import cachelib as st


def helper():
    return 1


def caller():
    value = helper()
    st.write("ran", value)
    return value


a = st.cache(caller)()


def helper():  # noqa: F811
    return 2


b = st.cache(caller)()
print([a, b])
