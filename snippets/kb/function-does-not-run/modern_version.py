import cachelib as st

runs = []
# Raise it when you change code that cached results depend on (a helper, a rule): every
# call that passes it computes again.
RULES_VERSION = 1


def vat(amount):
    return amount * 0.20


@st.cache_data
def price(amount, rules_version):
    runs.append(amount)
    return round(amount + vat(amount), 2)


st.write(price(100, RULES_VERSION))

# The next rerun, after vat() was changed and RULES_VERSION raised:
RULES_VERSION = 2


def vat(amount):  # noqa: F811
    return amount * 0.25


st.write(price(100, RULES_VERSION))
st.write("runs:", runs)
