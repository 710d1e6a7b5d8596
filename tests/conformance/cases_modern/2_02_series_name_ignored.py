"""A pandas Series renamed: Streamlit 1.67 hashes size, dtype and values with the index, not the
name, so the renamed series hits the stale entry; cachelib keys on the name too.

rule: 2.2
expect: D1
cachelib:
    ran price
    ran cost
    price cost
streamlit:
    ran price
    price price
"""

import pandas as pd

import cachelib as st


@st.cache_data
def name_of(series):
    print(f"ran {series.name}")
    return series.name


prices = pd.Series([1.0, 2.0], name="price")
st.write(f"{name_of(prices)} {name_of(prices.rename('cost'))}")
