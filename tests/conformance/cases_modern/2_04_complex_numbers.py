"""A complex number cannot be hashed in 1.67 (pickle's protocol 0 refuses it): the call raises
UnhashableParamError like any other value 1.67 refuses, and runs nothing.

rule: 2.4
expect: same
both:
    ! raised UnhashableParamError param=z type=builtins.complex func=magnitude
    done
"""

import cachelib as st


@st.cache_data
def magnitude(z):
    print("ran")
    return abs(z)


try:  # noqa: SIM105 (the observer records what except clauses catch)
    magnitude(complex(3, 4))
except st.UnhashableParamError:
    pass
st.write("done")
