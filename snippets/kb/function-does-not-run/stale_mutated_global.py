import cachelib as st

SETTINGS = {"currency": "EUR"}


@st.cache
def price_list(product):
    st.write(f"  price_list ran with {SETTINGS['currency']}")
    return f"{product}: 12.50 {SETTINGS['currency']}"


st.write(price_list("tea"))
SETTINGS["currency"] = "USD"  # changed after the first call: not seen
st.write(price_list("tea"))

st.clear_cache()  # the next call runs again, and sees USD...
st.write(price_list("tea"))
SETTINGS["currency"] = "GBP"  # ...but the key is still the one of the first call
st.write(price_list("tea"))


# The fix: pass what the result depends on as an argument.
@st.cache
def price_list_in(product, currency):
    st.write(f"  price_list_in ran with {currency}")
    return f"{product}: 12.50 {currency}"


for currency in ("EUR", "USD", "EUR"):
    st.write(price_list_in("tea", currency))
