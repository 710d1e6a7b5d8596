"""A call that does not fit the signature, with hashable arguments, raises the TypeError the
plain function raises, and runs nothing.

rule: 2.2
expect: same
both:
    ! raised TypeError: pair() takes 2 positional arguments but 3 were given
    ! raised TypeError: pair() got an unexpected keyword argument 'c'
    ! raised TypeError: pair() missing 1 required positional argument: 'b'
    done
"""

import cachelib as st


@st.cache_data
def pair(a, b):
    print("ran")
    return (a, b)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    pair(1, 2, 3)
except TypeError:
    pass
try:  # noqa: SIM105
    pair(1, 2, c=3)
except TypeError:
    pass
try:  # noqa: SIM105
    pair(1)
except TypeError:
    pass
st.write("done")
