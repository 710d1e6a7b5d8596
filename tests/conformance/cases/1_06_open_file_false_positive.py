"""False positive: reading from a returned open file moves its position, which counts as a mutation.

rule: 1.6
expect: same
both:
    hello
    ! warning CachedObjectMutationWarning func=open_data
"""

import cachelib as st

with open("data.txt", "w") as handle:
    handle.write("hello world\n")


@st.cache
def open_data():
    return open("data.txt")


print(open_data().read(5))
open_data().close()
