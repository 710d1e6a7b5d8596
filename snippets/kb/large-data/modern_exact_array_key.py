import numpy as np

import cachelib as st

runs = []


@st.cache_data
def peak(readings):
    runs.append(readings.dtype.name)
    return float(readings.max())


readings = np.full(2_000_000, 20.0)  # a sensor's readings, one every second
st.write(f"{readings.size:,} readings, {readings.nbytes / 1e6:.0f} MB")
st.write("peak:", peak(readings))

corrected = readings.copy()
corrected[1_000_000] = 85.0  # one reading out of two million
st.write("peak:", peak(corrected))  # another key: the function runs

st.write("peak:", peak(readings.copy()))  # an equal copy: the same key, a hit
st.write("peak:", peak(readings.astype(np.float32)))  # another dtype: another key
st.write("runs:", runs)
