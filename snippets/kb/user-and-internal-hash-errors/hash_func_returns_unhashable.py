import threading

import cachelib as st


class Session:
    def __init__(self, user):
        self.user = user
        self.lock = threading.RLock()


# Bug: the hash function returns the session's lock along with its user.
@st.cache(hash_funcs={Session: lambda session: (session.user, session.lock)})
def dashboard(session):
    return f"dashboard of {session.user}"


st.write(dashboard(Session("ada")))
