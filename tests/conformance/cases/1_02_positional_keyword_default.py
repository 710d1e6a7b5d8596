"""f(1), f(x=1) and f() with default x=1: three entries in Streamlit, one in cachelib.

rule: 1.2
expect: D9
cachelib:
    ran 1
    [1, 1, 1]
streamlit:
    ran 1
    ran 1
    ran 1
    [1, 1, 1]
"""

import cachelib as st


@st.cache
def load(x=1):
    st.write("ran", x)
    return x


print([load(1), load(x=1), load()])
