import numpy as np

import cachelib as st

PER_DAY = 1_440  # one reading a minute
loads = []


@st.cache_resource  # one array for every session: never pickled, copied or hashed
def load_readings(sensor):
    loads.append(sensor)
    readings = np.full(PER_DAY * 1_400, 20.0)
    readings.flags.writeable = False  # a change in place now fails instead of spreading
    return readings


@st.cache_data  # keyed on the sensor's name, not on two million numbers
def daily_peaks(sensor):
    return load_readings(sensor).reshape(-1, PER_DAY).max(axis=1)[:3].tolist()


readings = load_readings("north-1")
st.write(f"{readings.size:,} readings, {readings.nbytes / 1e6:.0f} MB")
st.write("one array, shared by every call:", load_readings("north-1") is readings)
st.write("first daily peaks:", daily_peaks("north-1"))
st.write("loaded:", loads)
try:
    readings[1_000_000] = -1.0
except ValueError as error:
    st.write("ValueError:", error)
