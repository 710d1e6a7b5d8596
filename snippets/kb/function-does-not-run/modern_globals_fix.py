import cachelib as st

runs = []
CURRENCY = "EUR"
VAT_RATE = 0.20


@st.cache_data
def price(amount, currency, vat_rate):  # everything the result depends on
    runs.append(amount)
    return f"{amount * (1 + vat_rate):.2f} {currency}"


st.write(price(100, CURRENCY, VAT_RATE))

CURRENCY, VAT_RATE = "USD", 0.25  # the next rerun, after the change
st.write(price(100, CURRENCY, VAT_RATE))  # another key: computed again
st.write("runs:", runs)
