import numpy as np

import cachelib as st

runs = []


@st.cache_data
def total(values):
    runs.append(len(values))
    return float(values.sum())


prices = np.zeros(600_000)
corrected = prices.copy()
corrected[0] = 9.5  # one price fixed, at a position Streamlit 1.67's sample does not read

st.write("before:", total(prices))
st.write("after the fix:", total(corrected))
st.write("runs:", len(runs))
