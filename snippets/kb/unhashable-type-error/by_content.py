import cachelib as st


class Point:
    __slots__ = ("lat", "lon")  # no instance __dict__

    def __init__(self, lat, lon):
        self.lat, self.lon = lat, lon


class Place:
    def __init__(self, name, point):
        self.name, self.point = name, point


@st.cache
def describe(place):
    st.write(f"  describing {place.name}")
    return f"{place.name} at {place.point.lat}, {place.point.lon}"


st.write(describe(Place("Lyon", Point(45.76, 4.84))))
st.write(describe(Place("Lyon", Point(45.76, 4.84))))  # new objects, equal content: a hit
st.write(describe(Place("Lyon", Point(45.75, 4.85))))  # one attribute differs: a miss
