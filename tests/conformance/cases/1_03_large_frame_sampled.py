"""Frames of 100,000+ rows: Streamlit hashes a 10,000-row sample, so a change outside it is the
same key.

rule: 1.3
expect: D1
cachelib:
    ran 0
    ran 1
    [0, 1]
streamlit:
    ran 0
    [0, 0]
"""

import pandas as pd

import cachelib as st


@st.cache
def total(frame):
    st.write("ran", int(frame["x"].sum()))
    return int(frame["x"].sum())


base = pd.DataFrame({"x": [0] * 200_000})
sampled = set(base.sample(n=10_000, random_state=0).index)
outside = next(i for i in range(len(base)) if i not in sampled)
changed = base.copy()
changed.loc[outside, "x"] = 1
print([total(base), total(changed)])
