"""NaN: Streamlit's hash() of a NaN is per object (two NaNs are two entries); cachelib keys its
bits.

rule: 1.3
expect: D2
cachelib:
    ran nan
    hit
streamlit:
    ran nan
    ran nan
    hit
"""

import cachelib as st


@st.cache
def echo(x):
    st.write("ran", x)
    return 0


first, second = float("nan"), float("nan")
echo(first)
echo(second)
echo(first)
print("hit")
