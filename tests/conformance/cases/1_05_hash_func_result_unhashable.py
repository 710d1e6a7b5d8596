"""A hash function whose result holds an unhashable object (an RLock): UnhashableTypeError.

The hash function itself does not raise, so this is not a UserHashError: the RLock met while
hashing its result cannot be hashed.

rule: 1.5
expect: same
both:
    ! raised UnhashableTypeError type=_thread.RLock func=dashboard where=arguments
    ! uncaught
"""

import threading

import cachelib as st


class Session:
    def __init__(self, user):
        self.user = user
        self.lock = threading.RLock()


@st.cache(hash_funcs={Session: lambda session: (session.user, session.lock)})
def dashboard(session):
    return f"dashboard of {session.user}"


dashboard(Session("ada"))
