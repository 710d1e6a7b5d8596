"""Frames of 50,000+ rows: Streamlit 1.67 hashes a sample of 10,000 rows, so a change in a row
outside the sample keeps the key and returns the stale result; cachelib hashes every row.

rule: 2.2
expect: D1
cachelib:
    ran 0
    ran 1
    0 1
streamlit:
    ran 0
    0 0
"""

import pandas as pd

import cachelib as st


@st.cache_data
def total(frame):
    print(f"ran {int(frame['v'].sum())}")
    return int(frame["v"].sum())


base = pd.DataFrame({"v": [0] * 50_000})
changed = base.copy()
changed.loc[0, "v"] = 1  # row 0 is not in the sample (seed 0)
st.write(f"{total(base)} {total(changed)}")
