"""Floats are keyed by Python's hash(): -1.0 and -2.0 share one entry in Streamlit.

rule: 1.3
expect: D2
cachelib:
    ran -1.0
    ran -2.0
    -1.0 -2.0
streamlit:
    ran -1.0
    -1.0 -1.0
"""

import cachelib as st


@st.cache
def echo(x):
    st.write("ran", x)
    return x


print(echo(-1.0), echo(-2.0))
