"""cache_data returns a fresh copy on every call, the miss included: two results are never the
same object, and mutating one changes neither the cache nor a later rerun's result.

rule: 2.5
expect: same
runs: 2
both:
    ran
    same object False
    after mutation [1, 2, 3]
    ! run 2
    same object False
    after mutation [1, 2, 3]
"""

import cachelib as st


@st.cache_data
def numbers():
    print("ran")
    return [1, 2, 3]


first = numbers()
second = numbers()
st.write(f"same object {first is second}")
first.append(4)
second.clear()
st.write(f"after mutation {numbers()}")
