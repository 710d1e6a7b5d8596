import cachelib as st


def fetch_weather(city):
    st.write(f"  fetching {city}")
    return f"{city}: 21 degrees"


# One function, decorated twice with different limits (say, on two pages of an app).
hourly = st.cache(fetch_weather, ttl=3600)
daily = st.cache(fetch_weather, ttl=86400)

st.write(hourly("Lyon"))
st.write(hourly("Lyon"))  # a hit
st.write(daily("Lyon"))  # another ttl: the function's cache is replaced by an empty one
st.write(hourly("Lyon"))  # and replaced again
