"""A method whose self parameter keeps its name hashes the instance: a plain-class instance is
refused with UnhashableParamError naming self; an instance that pickles by value (a dataclass)
is keyed by its fields.

rule: 2.1
expect: same
both:
    ! raised UnhashableParamError param=self type=__main__.Plain func=area
    ran 2 3
    ran 4 5
    6 20 6
"""

import dataclasses

import cachelib as st


class Plain:
    def __init__(self, w, h):
        self.w, self.h = w, h

    @st.cache_resource
    def area(self):
        return self.w * self.h


@dataclasses.dataclass
class Rect:
    w: int
    h: int

    @st.cache_data
    def area(self):
        print(f"ran {self.w} {self.h}")
        return self.w * self.h


try:  # noqa: SIM105 (the observer records what except clauses catch)
    Plain(1, 2).area()
except st.UnhashableParamError:
    pass
st.write(f"{Rect(2, 3).area()} {Rect(4, 5).area()} {Rect(2, 3).area()}")
