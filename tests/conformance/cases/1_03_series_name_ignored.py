"""Series that differ only in name: one entry in Streamlit, two in cachelib.

rule: 1.3
expect: D1
cachelib:
    ran price
    ran qty
    ['price', 'qty']
streamlit:
    ran price
    ['price', 'price']
"""

import pandas as pd

import cachelib as st


@st.cache
def name_of(series):
    st.write("ran", series.name)
    return series.name


print([name_of(pd.Series([1, 2], name="price")), name_of(pd.Series([1, 2], name="qty"))])
