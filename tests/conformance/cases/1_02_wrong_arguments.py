"""Calling with arguments that do not fit the signature raises Python's own TypeError, and runs
nothing.

rule: 1.2
expect: same
both:
    ! raised TypeError: pair() takes 2 positional arguments but 3 were given
    ! raised TypeError: pair() got an unexpected keyword argument 'c'
    done
"""

import cachelib as st


@st.cache
def pair(a, b):
    st.write("ran")
    return (a, b)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    pair(1, 2, 3)
except TypeError:
    pass
try:  # noqa: SIM105 (the observer records what except clauses catch)
    pair(1, 2, c=3)
except TypeError:
    pass
print("done")
