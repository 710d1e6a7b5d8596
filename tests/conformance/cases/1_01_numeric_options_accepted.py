"""ttl and max_entries accept int and float values (max_entries=2.0, ttl=60).

rule: 1.1
expect: same
both:
    ran 1
    ran 2
    ran 3
    ran 1
    [1, 2, 3, 1]
"""

import cachelib as st


@st.cache(max_entries=2.0, ttl=60)
def echo(x):
    st.write("ran", x)
    return x


print([echo(1), echo(2), echo(3), echo(1)])
