"""Keyword order: Streamlit hashes keywords in the order they were passed, so h(a=1, b=2) and
h(b=2, a=1) are two entries; cachelib binds them to the signature first: one entry.

rule: 2.2
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


@st.cache_resource
def h(a, b):
    print(f"ran {a} {b}")
    return a + b


st.write(f"{h(a=1, b=2)} {h(b=2, a=1)}")
