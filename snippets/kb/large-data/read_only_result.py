import numpy as np

import cachelib as st

PER_DAY = 1_440  # one reading a minute


@st.cache(allow_output_mutation=True)  # no hashing of 16 MB on every hit
def load_readings(sensor):
    st.write("  loading", sensor)
    readings = np.full(PER_DAY * 1_400, 20.0)
    readings.flags.writeable = False  # a change in place now fails instead of spreading
    return readings


@st.cache  # keyed on the sensor's name, not on two million numbers
def daily_peaks(sensor):
    st.write("  daily_peaks ran for", sensor)
    return load_readings(sensor).reshape(-1, PER_DAY).max(axis=1)[:3].tolist()


readings = load_readings("north-1")
st.write(f"{readings.size:,} readings, {readings.nbytes / 1e6:.0f} MB")
st.write("one array, shared by every call:", load_readings("north-1") is readings)
st.write("first daily peaks:", daily_peaks("north-1"))
st.write("first daily peaks:", daily_peaks("north-1"))
try:
    readings[1_000_000] = -1.0
except ValueError as error:
    st.write("ValueError:", error)
