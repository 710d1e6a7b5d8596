"""A value larger than max_size on its own is still cached, alone: it evicts the others and
later hits; the next value evicts it in turn.

rule: 2.1
expect: same
both:
    ran 1
    ran 2
    ran 1
    ran 3
    ran 2
"""

import cachelib as st


@st.cache_data(max_size=3000)
def blob(x):
    print(f"ran {x}")
    return bytes(5000 if x == 2 else 1000)


blob(1)
blob(2)  # larger than max_size: kept alone, 1 is evicted
blob(2)  # hit
blob(1)  # miss: evicts 2
blob(3)
blob(1)  # hit
blob(2)  # miss
