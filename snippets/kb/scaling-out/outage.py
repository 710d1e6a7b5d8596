import cachelib as st

# Nothing listens on this port: the store is down when the app starts.
DOWN = "redis://127.0.0.1:1/0"


@st.cache_data(ttl="10m", persist=DOWN)
def weather(city):
    print("calling the weather service for", city)
    return {"city": city, "celsius": 21}


print(weather("Lyon"))  # runs, with one warning for the outage
print(weather("Lyon"))  # kept in this process's memory
print(weather("Oslo"))  # runs; the same outage: no second warning
