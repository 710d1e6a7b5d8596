import difflib

import cachelib as st


# A matcher is the two sequences it compares; its internal caches do not count.
@st.cache(hash_funcs={difflib.SequenceMatcher: lambda m: (m.a, m.b)})
def matcher(old, new):
    st.write("  building the matcher")
    return difflib.SequenceMatcher(None, old, new)


old, new = "the cache returns the stored value", "the cache returned a stored value"
st.write(round(matcher(old, new).ratio(), 3))
st.write(round(matcher(old, new).ratio(), 3))
