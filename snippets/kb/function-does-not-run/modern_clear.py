import cachelib as st

runs = []
PRICES = {"tea": 2.5}  # stands for a table that the app itself updates


@st.cache_data
def price_of(item):
    runs.append(item)
    return PRICES[item]


st.write(price_of("tea"))
PRICES["tea"] = 2.8  # the app changes the data behind the cached result...
price_of.clear("tea")  # ...and drops the entry it made stale (price_of.clear(): all)
st.write(price_of("tea"))
st.write("runs:", runs)
