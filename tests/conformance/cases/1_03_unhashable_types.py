"""Types __reduce__ and pickle both refuse raise UnhashableTypeError naming the type.

rule: 1.3
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=use where=arguments
    ! raised UnhashableTypeError type=builtins.generator func=use where=arguments
    ! raised UnhashableTypeError type=builtins.memoryview func=use where=arguments
    ! raised UnhashableTypeError type=weakref.ReferenceType func=use where=arguments
    ! raised UnhashableTypeError type=builtins.dict_keys func=use where=arguments
    ! raised UnhashableTypeError type=builtins.frame func=use where=arguments
    ! raised UnhashableTypeError type=__main__.Refuses func=use where=arguments
    ran: False
"""

import sys
import threading
import weakref

import cachelib as st

ran = False


class Refuses:
    def __reduce__(self):
        raise TypeError("no reduction for you")


class Target:
    pass


target = Target()


@st.cache
def use(x):
    global ran
    ran = True
    return 1


values = [
    threading.RLock(),
    (i for i in range(3)),
    memoryview(b"abc"),
    weakref.ref(target),
    {"a": 1}.keys(),
    sys._getframe(),
    Refuses(),
]
for value in values:
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        use(value)
    except Exception:
        pass
print("ran:", ran)
