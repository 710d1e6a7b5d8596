import cachelib as st


@st.cache
def with_tax(price):
    st.write(f"  with_tax ran for {price}")
    return price * 1.2


# Pairs that Python's hash() cannot tell apart: each value gets its own entry here.
for price in (0.5, 2.0**60, -1.0, -2.0, 0.0, -0.0):
    st.write(with_tax(price))
