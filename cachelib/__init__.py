"""cachelib: Streamlit's caching semantics, exact and fast, without a Streamlit server.

Import it the way a Streamlit app imports Streamlit::

    import cachelib as st

    @st.cache
    def load(path):
        ...

The public names are the ones listed in ``__all__``; everything else is private.
"""

from ._internal.errors import (
    CachedObjectMutationWarning,
    CacheError,
    CachePersistenceWarning,
    InternalHashError,
    UnhashableParamError,
    UnhashableTypeError,
    UnserializableReturnValueError,
    UserHashError,
)
from ._internal.legacy import cache, clear_cache
from ._internal.output import write

__all__ = [
    "CacheError",
    "CachePersistenceWarning",
    "CachedObjectMutationWarning",
    "InternalHashError",
    "UnhashableParamError",
    "UnhashableTypeError",
    "UnserializableReturnValueError",
    "UserHashError",
    "cache",
    "clear_cache",
    "write",
]
