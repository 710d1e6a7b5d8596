"""persist=True: a new process with the same function source finds the entry on disk without
running it.

rule: 1.7
expect: same
runs: 2
both:
    ran 2
    4
    ! run 2
    4
"""

import cachelib as st


@st.cache(persist=True)
def square(x):
    st.write("ran", x)
    return x * x


print(square(2))
