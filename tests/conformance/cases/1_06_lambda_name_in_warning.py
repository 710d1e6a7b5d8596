"""The mutation warning names the function by its __name__ (a lambda is `<lambda>`).

rule: 1.6
expect: same
both:
    ! warning CachedObjectMutationWarning func=<lambda>
    [0, 1]
"""

import cachelib as st

make = st.cache(lambda: [0])
make().append(1)
print(make())
