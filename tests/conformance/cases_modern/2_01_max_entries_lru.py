"""max_entries keeps the most recently used entries: a read refreshes an entry, and the least
recently used one is evicted first; the cap holds across reruns.

rule: 2.1
expect: same
runs: 2
both:
    ran 1
    ran 2
    ran 3
    ran 2
    ! run 2
    ran 3
    ran 2
"""

import cachelib as st


@st.cache_data(max_entries=2)
def echo(x):
    print(f"ran {x}")
    return x


echo(1)
echo(2)
echo(1)  # hit: 1 is now the most recently used
echo(3)  # evicts 2
echo(1)  # hit
echo(2)  # miss, evicts 3
