"""cache_data pickles what it stores: a return value pickle refuses raises
UnserializableReturnValueError naming its type and the function, after the function ran; nothing
is stored, so the next rerun runs it again.

rule: 2.5
expect: same
runs: 2
both:
    ran
    ! raised UnserializableReturnValueError type=__main__.Holder func=connect
    ! run 2
    ran
    ! raised UnserializableReturnValueError type=__main__.Holder func=connect
"""

import threading

import cachelib as st


class Holder:
    def __init__(self):
        self.lock = threading.Lock()


@st.cache_data
def connect():
    print("ran")
    return Holder()


try:  # noqa: SIM105 (the observer records what except clauses catch)
    connect()
except st.UnserializableReturnValueError:
    pass
