import cachelib as st


class Forecast:
    def __init__(self, city, days):
        self.city = city
        self.days = days


LATEST = Forecast("Lyon", [21, 23, 19])  # made during the first run, kept by a module


class Forecast:  # the next rerun defines the class again
    def __init__(self, city, days):
        self.city = city
        self.days = days


@st.cache_data
def latest_forecast():
    return LATEST


latest_forecast()
