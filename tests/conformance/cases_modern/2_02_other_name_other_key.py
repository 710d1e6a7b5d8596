"""The qualified name is part of the function key: two functions with the same body and
different names, or the same name in different classes, do not share entries.

rule: 2.2
expect: same
both:
    ran
    ran
    ran
    ran
"""

import cachelib as st


@st.cache_data
def one(x):
    print("ran")
    return x


@st.cache_data
def two(x):
    print("ran")
    return x


class A:
    @staticmethod
    @st.cache_data
    def same(x):
        print("ran")
        return x


class B:
    @staticmethod
    @st.cache_data
    def same(x):
        print("ran")
        return x


one(1), two(1), A.same(1), B.same(1), one(1), A.same(1)
