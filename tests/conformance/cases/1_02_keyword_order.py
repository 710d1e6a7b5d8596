"""Keyword order: f(a=1, b=2) and f(b=2, a=1) are two entries in Streamlit, one in cachelib.

rule: 1.2
expect: D9
cachelib:
    ran 1 2
    3 3
streamlit:
    ran 1 2
    ran 1 2
    3 3
"""

import cachelib as st


@st.cache
def add(a, b):
    st.write("ran", a, b)
    return a + b


print(add(a=1, b=2), add(b=2, a=1))
