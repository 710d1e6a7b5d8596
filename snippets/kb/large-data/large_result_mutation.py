import numpy as np

import cachelib as st


@st.cache
def load_readings(sensor):
    st.write("  loading", sensor)
    return np.full(2_000_000, 20.0)


readings = load_readings("north-1")
readings[1_000_000] = -1.0  # cleaning the data in place, on the cached array itself
readings = load_readings("north-1")  # the next hit notices the change
st.write("reading 1,000,000 is now", readings[1_000_000])
