import threading

import cachelib as st


class WeatherClient:
    def __init__(self, base_url, units):
        self.base_url = base_url
        self.units = units
        self._session_lock = threading.Lock()  # unhashable

    def temperature(self, city):
        return "21 C" if self.units == "metric" else "70 F"


# Bug: the units change the result, but the hash function leaves them out.
@st.cache(hash_funcs={WeatherClient: lambda client: client.base_url})
def forecast(client, city):
    st.write(f"  asking {client.base_url} in {client.units} units")
    return f"{city}: {client.temperature(city)}"


st.write(forecast(WeatherClient("https://api.example", "metric"), "Lyon"))
st.write(forecast(WeatherClient("https://api.example", "imperial"), "Lyon"))  # wrong
