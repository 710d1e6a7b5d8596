import cachelib as st

TAX_RATE = 0.20


@st.cache_data
def with_tax(amount):
    return round(amount * (1 + TAX_RATE), 2)


st.write(with_tax(100))
TAX_RATE = 0.25
with_tax = st.cache_data(with_tax.__wrapped__)  # what the next rerun of an app does
st.write(with_tax(100))  # stale: TAX_RATE is not part of the key
