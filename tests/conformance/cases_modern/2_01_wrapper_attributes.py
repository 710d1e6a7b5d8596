"""The decorated function keeps the name, qualified name, docstring and module of the function,
and __wrapped__ refers to it; a cached method shows its qualified name through the class.

rule: 2.1
expect: same
both:
    load load Load rows. __main__ True
    fetch fetch Fetch. __main__ True
    Loader.rows Rows.
"""

import cachelib as st


def load(n):
    """Load rows."""
    return n


def fetch(x):
    """Fetch."""
    return x


class Loader:
    @st.cache_data
    def rows(_self, n):
        """Rows."""
        return n


for cached, original in ((st.cache_data(load), load), (st.cache_resource(fetch), fetch)):
    st.write(
        f"{cached.__name__} {cached.__qualname__} {cached.__doc__} {cached.__module__} "
        f"{cached.__wrapped__ is original}"
    )
st.write(f"{Loader.rows.__qualname__} {Loader.rows.__doc__}")
