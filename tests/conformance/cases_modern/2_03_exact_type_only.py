"""A hash_funcs rule covers its exact type only: an instance of a subclass is not covered and,
being a plain-class instance, cannot be hashed.

rule: 2.3
expect: same
both:
    ran Base
    ! raised UnhashableParamError param=item type=__main__.Child func=describe
"""

import cachelib as st


class Base:
    pass


class Child(Base):
    pass


@st.cache_data(hash_funcs={Base: lambda item: "base"})
def describe(item):
    print(f"ran {type(item).__name__}")
    return type(item).__name__


describe(Base())
describe(Base())
try:  # noqa: SIM105 (the observer records what except clauses catch)
    describe(Child())
except st.UnhashableParamError:
    pass
