import cachelib as st


# A str hashed by a str, a float by a float: the result is hashed with the default rules.
@st.cache(hash_funcs={str: str.casefold, float: lambda x: round(x, 2)})
def nearest_station(city, lat, lon):
    st.write(f"  looking up {city} at {lat}, {lon}")
    return f"station near {city.title()}"


st.write(nearest_station("Lyon", 45.7640, 4.8357))
st.write(nearest_station("LYON", 45.7641, 4.8359))  # same city and rounded position: a hit
st.write(nearest_station("Lyon", 45.7000, 4.8357))  # another position: a miss


# Returning the object itself changes nothing: 1 and 2 stay two keys.
@st.cache(hash_funcs={int: lambda x: x})
def square(x):
    return x * x


st.write(square(1), square(2))
