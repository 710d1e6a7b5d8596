"""A cached method whose self parameter is named _self is cached per argument, shared by every
instance (self is left out of the key), and its clear() works through the instance.

rule: 2.1
expect: same
runs: 2
both:
    ran 1
    ran 2
    values 2 4 2 4
    cleared
    ran 1
    ! run 2
    values 2 4 2 4
    cleared
    ran 1
"""

import cachelib as st


class Doubler:
    def __init__(self, name):
        self.name = name

    @st.cache_data
    def double(_self, x):
        print(f"ran {x}")
        return 2 * x


first, second = Doubler("a"), Doubler("b")
st.write(f"values {first.double(1)} {first.double(2)} {second.double(1)} {second.double(2)}")
first.double.clear(1)
st.write("cleared")
second.double(1)
second.double(2)
