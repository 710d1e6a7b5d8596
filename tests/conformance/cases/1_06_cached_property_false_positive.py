"""False positive: reading a functools.cached_property of the returned object counts as a mutation.

rule: 1.6
expect: same
both:
    area 6
    ! warning CachedObjectMutationWarning func=rectangle
"""

import functools

import cachelib as st


class Rectangle:
    def __init__(self, w, h):
        self.w, self.h = w, h

    @functools.cached_property
    def area(self):
        return self.w * self.h


@st.cache
def rectangle():
    return Rectangle(2, 3)


st.write("area", rectangle().area)
rectangle()
