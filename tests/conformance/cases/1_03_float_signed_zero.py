"""0.0 and -0.0 share one entry in Streamlit (equal hash()); cachelib keys the sign bit.

rule: 1.3
expect: D2
cachelib:
    ran 0.0
    ran -0.0
    [0.0, -0.0]
streamlit:
    ran 0.0
    [0.0, 0.0]
"""

import cachelib as st


@st.cache
def echo(x):
    st.write("ran", x)
    return x


print([echo(0.0), echo(-0.0)])
