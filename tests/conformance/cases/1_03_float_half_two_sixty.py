"""0.5 and 2.0**60 have the same Python hash(): one entry in Streamlit, two in cachelib.

rule: 1.3
expect: D2
cachelib:
    ran 0.5
    ran 1.152921504606847e+18
    [0.5, 1.152921504606847e+18]
streamlit:
    ran 0.5
    [0.5, 0.5]
"""

import cachelib as st


@st.cache
def echo(x):
    st.write("ran", x)
    return x


print([echo(0.5), echo(2.0**60)])
