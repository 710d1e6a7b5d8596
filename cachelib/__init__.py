"""cachelib: Streamlit's caching semantics, exact and fast, without a Streamlit server.

Import it the way a Streamlit app imports Streamlit::

    import cachelib as st

    @st.cache_data
    def load(path):
        ...

Both eras are here: ``cache_data`` and ``cache_resource`` (Streamlit 1.67), and the
legacy ``cache`` (Streamlit 1.35). The public names are the ones listed in ``__all__``;
everything else is private.
"""

from ._internal.apis.data import cache_data
from ._internal.apis.legacy import cache, clear_cache
from ._internal.apis.resource import cache_resource
from ._internal.errors import (
    CachedFunctionReturnedAwaitableError,
    CachedObjectMutationWarning,
    CachedStFunctionInBackgroundModeWarning,
    CacheError,
    CachePersistenceWarning,
    InternalHashError,
    UnhashableParamError,
    UnhashableTypeError,
    UnserializableReturnValueError,
    UserHashError,
)
from ._internal.output import write

__all__ = [
    "CacheError",
    "CachePersistenceWarning",
    "CachedFunctionReturnedAwaitableError",
    "CachedObjectMutationWarning",
    "CachedStFunctionInBackgroundModeWarning",
    "InternalHashError",
    "UnhashableParamError",
    "UnhashableTypeError",
    "UnserializableReturnValueError",
    "UserHashError",
    "cache",
    "cache_data",
    "cache_resource",
    "clear_cache",
    "write",
]
