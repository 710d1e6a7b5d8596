"""One function decorated with cache_data and with cache_resource has two separate caches:
neither sees the other's entries, and each clear() empties only its own.

rule: 2.2
expect: same
both:
    ran 1
    ran 1
    cleared data
    ran 1
"""

import cachelib as st


def load(x):
    print(f"ran {x}")
    return x


data = st.cache_data(load)
resource = st.cache_resource(load)
data(1)
resource(1)
data(1)
resource(1)
st.cache_data.clear()
st.write("cleared data")
resource(1)
data(1)
