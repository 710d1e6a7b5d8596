import cachelib as st

runs = []
CURRENCY = "EUR"


def vat(amount):
    return amount * 0.20


@st.cache_data
def price(amount):
    runs.append(amount)
    return f"{amount + vat(amount):.2f} {CURRENCY}"


st.write(price(100))


# You change the global and the helper, and save: the app reruns with this code.
CURRENCY = "USD"


def vat(amount):  # noqa: F811
    return amount * 0.25


price = st.cache_data(price.__wrapped__)  # decorated again, as each rerun does
st.write(price(100))  # stale: neither CURRENCY nor vat() is part of the key
st.write("runs:", runs)
