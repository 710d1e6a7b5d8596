import cachelib as st


@st.cache_data
def load_prices():
    st.write("prices loaded")
    return {"tea": 2.5, "cake": 4.0}


@st.cache_data
def order_total(items):
    prices = load_prices()
    return sum(prices[item] for item in items)


st.write(order_total(("tea", "cake")))  # both miss
st.write(order_total(("tea", "cake")))  # a hit of order_total: still shows "prices loaded"
st.write(order_total(("tea",)))  # a miss of order_total, a hit of load_prices
