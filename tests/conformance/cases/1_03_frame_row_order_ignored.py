"""A frame and the same rows in reverse order: one entry in Streamlit (an order-free sum), two in
cachelib.

rule: 1.3
expect: D1
cachelib:
    ran [0, 1, 2]
    ran [2, 1, 0]
    [[0, 1, 2], [0, 1, 2]]
streamlit:
    ran [0, 1, 2]
    [[0, 1, 2], [0, 1, 2]]
"""

import pandas as pd

import cachelib as st


@st.cache
def first_rows(frame):
    st.write("ran", list(frame.index))
    return list(frame["x"])


frame = pd.DataFrame({"x": [0, 1, 2]})
print([first_rows(frame), sorted(first_rows(frame.iloc[::-1]))])
