import difflib

import cachelib as st


@st.cache
def matcher(old, new):
    st.write("  building the matcher")
    return difflib.SequenceMatcher(None, old, new)


old, new = "the cache returns the stored value", "the cache returned a stored value"
st.write(round(matcher(old, new).ratio(), 3))  # ratio() fills the matcher's internal caches
st.write(round(matcher(old, new).ratio(), 3))
