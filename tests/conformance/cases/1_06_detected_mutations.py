"""Detected: dict change, attribute change on a plain object, list append (each on every later hit).

rule: 1.6
expect: same
both:
    ! warning CachedObjectMutationWarning func=settings
    ! warning CachedObjectMutationWarning func=settings
    ! warning CachedObjectMutationWarning func=model
    {'debug': True} 2
"""

import cachelib as st


class Model:
    def __init__(self):
        self.version = 1


@st.cache
def settings():
    return {"debug": False}


@st.cache
def model():
    return Model()


settings()["debug"] = True
settings()
value = settings()
model().version = 2
print(value, model().version)
