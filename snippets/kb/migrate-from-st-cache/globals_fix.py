import cachelib as st

TAX_RATE = 0.20


@st.cache_data
def with_tax(amount, rate):
    return round(amount * (1 + rate), 2)


st.write(with_tax(100, TAX_RATE))
TAX_RATE = 0.25
st.write(with_tax(100, TAX_RATE))  # the rate is an argument: a new key
