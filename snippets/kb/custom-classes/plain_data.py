from dataclasses import asdict, dataclass

import cachelib as st


@dataclass
class Forecast:
    city: str
    days: list


@st.cache_data
def load_forecast(city):
    return asdict(Forecast(city, [21, 23, 19]))  # a dict: no class to look up


@dataclass  # the next rerun defines the class again
class Forecast:  # noqa: F811
    city: str
    days: list


forecast = Forecast(**load_forecast("Lyon"))  # rebuilt from the data, with today's class
st.write(forecast, isinstance(forecast, Forecast))
