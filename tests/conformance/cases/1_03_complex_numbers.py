"""A complex argument: refused by Streamlit's __reduce__ (protocol 0), hashed by value by cachelib.

rule: 1.3
expect: D4
cachelib:
    ran (1+2j)
    ran (1+3j)
    hit
streamlit:
    ! raised UnhashableTypeError type=builtins.complex func=modulus where=arguments
    ! uncaught
"""

import cachelib as st


@st.cache
def modulus(z):
    st.write("ran", z)
    return abs(z)


modulus(1 + 2j)
modulus(1 + 3j)
modulus(1 + 2j)
print("hit")
