"""hash_funcs match the exact type only: a subclass of a covered class is not covered.

rule: 1.5
expect: same
both:
    ran Base
    ! raised UnhashableTypeError type=_thread.RLock func=use where=arguments
    done
"""

import threading

import cachelib as st


class Base:
    def __init__(self):
        self.lock = threading.RLock()


class Child(Base):
    pass


@st.cache(hash_funcs={Base: id})
def use(obj):
    st.write("ran", type(obj).__name__)
    return 1


base = Base()
use(base)
use(base)
try:  # noqa: SIM105 (the observer records what except clauses catch)
    use(Child())
except Exception:
    pass
print("done")
