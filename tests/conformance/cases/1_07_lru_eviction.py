"""max_entries evicts the least recently used entry: a read refreshes an entry's recency.

rule: 1.7
expect: same
both:
    ran 1
    ran 2
    ran 3
    ran 2
"""

import cachelib as st


@st.cache(max_entries=2)
def echo(x):
    st.write("ran", x)
    return x


echo(1)
echo(2)
echo(1)  # hit: 1 is now the most recently used
echo(3)  # evicts 2
echo(1)  # hit
echo(2)  # miss
