import cachelib as st

UNITS = "celsius"


@st.cache
def forecast(city):
    st.write(f"  forecast ran with UNITS={UNITS!r}")
    return f"{city}: 21 degrees {UNITS}"


st.write(forecast("Lyon"))
UNITS = "fahrenheit"  # too late: the function's key was computed at its first call
st.write(forecast("Lyon"))


# The fix: make what the result depends on an argument.
@st.cache
def forecast_in(city, units):
    st.write(f"  forecast_in ran with units={units!r}")
    return f"{city}: 21 degrees {units}"


st.write(forecast_in("Lyon", "celsius"))
st.write(forecast_in("Lyon", "fahrenheit"))
