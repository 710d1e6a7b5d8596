"""Frames that differ only in column names: one entry in Streamlit, two in cachelib.

rule: 1.3
expect: D1
cachelib:
    ran ['price']
    ran ['qty']
    [['price'], ['qty']]
streamlit:
    ran ['price']
    [['price'], ['price']]
"""

import pandas as pd

import cachelib as st


@st.cache
def columns(frame):
    st.write("ran", list(frame.columns))
    return list(frame.columns)


print([columns(pd.DataFrame({"price": [1, 2]})), columns(pd.DataFrame({"qty": [1, 2]}))])
