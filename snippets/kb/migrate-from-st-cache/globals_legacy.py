import cachelib as st

TAX_RATE = 0.20


@st.cache
def with_tax(amount):
    return round(amount * (1 + TAX_RATE), 2)


st.write(with_tax(100))
TAX_RATE = 0.25
with_tax = st.cache(with_tax.__wrapped__)  # what the next rerun of an app does
st.write(with_tax(100))
