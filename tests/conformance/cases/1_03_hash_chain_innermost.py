"""The error names the innermost unhashable type of a chain: RLock in a Holder in a dict in a list.

rule: 1.3
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=load where=arguments
    ! uncaught
"""

import threading

import cachelib as st


class Holder:
    def __init__(self):
        self.lock = threading.RLock()


@st.cache
def load(config):
    return 1


load([{"k": Holder()}])
