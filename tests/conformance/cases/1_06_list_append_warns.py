"""Appending to a returned list is detected on the next hit; the mutated object is returned.

rule: 1.6
expect: same
both:
    ran
    ! warning CachedObjectMutationWarning func=numbers
    [1, 2, 3, 4] True
    ! warning CachedObjectMutationWarning func=numbers
"""

import cachelib as st


@st.cache
def numbers():
    st.write("ran")
    return [1, 2, 3]


first = numbers()
first.append(4)
second = numbers()
print(second, second is first)
numbers()
