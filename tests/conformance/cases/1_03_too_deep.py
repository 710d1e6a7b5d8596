"""A value nested far deeper than the recursion limit allows cannot be hashed: InternalHashError.

rule: 1.3
expect: same
both:
    ! raised InternalHashError type=builtins.list func=depth where=arguments
    ran: False
"""

import cachelib as st

ran = False


def nest(levels):
    value = [0]
    for _ in range(levels):
        value = [value]
    return value


@st.cache
def depth(x):
    global ran
    ran = True
    return 1


try:  # noqa: SIM105 (the observer records what except clauses catch)
    depth(nest(5000))
except Exception:
    pass
print("ran:", ran)
