"""max_size in bytes caps the pickled size of a function's entries: with room for two values of
1,000 bytes, a third evicts the least recently used one.

rule: 2.1
expect: same
both:
    ran 1
    ran 2
    ran 3
    ran 1
    ran 2
"""

import cachelib as st


@st.cache_data(max_size=3000)
def blob(x):
    print(f"ran {x}")
    return bytes(1000)


blob(1)
blob(2)
blob(3)  # evicts 1
blob(3)  # hit
blob(1)  # miss, evicts 2
blob(3)  # hit
blob(2)  # miss, evicts 1
