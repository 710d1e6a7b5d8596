"""g(1), g(x=1) and g() with the default x=1: Streamlit keys on the arguments as passed, so g(1)
and g(x=1) share an entry and g() has its own; cachelib keys on the bound arguments with defaults
applied, so all three share one.

rule: 2.2
expect: D9
cachelib:
    ran 1
    1 1 1
streamlit:
    ran 1
    ran 1
    1 1 1
"""

import cachelib as st


@st.cache_data
def g(x=1):
    print(f"ran {x}")
    return x


st.write(f"{g(1)} {g(x=1)} {g()}")
