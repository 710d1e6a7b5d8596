"""__slots__ instances (and dataclass(slots=True)): refused by Streamlit, hashed by content by
cachelib.

rule: 1.3
expect: D4
cachelib:
    ran 1
    ran 2
    ran Pair
    hit
streamlit:
    ! raised UnhashableTypeError type=__main__.Slotted func=value_of where=arguments
    ! raised UnhashableTypeError type=__main__.Slotted func=value_of where=arguments
    ! raised UnhashableTypeError type=__main__.Slotted func=value_of where=arguments
    ! raised UnhashableTypeError type=__main__.Pair func=value_of where=arguments
    hit
"""

import dataclasses

import cachelib as st


class Slotted:
    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


@dataclasses.dataclass(slots=True)
class Pair:
    x: int
    y: int


@st.cache
def value_of(obj):
    st.write("ran", getattr(obj, "value", type(obj).__name__))
    return 1


for obj in (Slotted(1), Slotted(2), Slotted(1), Pair(1, 2)):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        value_of(obj)
    except Exception:
        pass
print("hit")
