import warnings

import cachelib as st


@st.cache
def top_scores():
    return [12, 7, 30]


top_scores().sort()  # changes the cached list in place

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    top_scores()
    top_scores()
for warning in caught:
    st.write(f"{warning.category.__name__}: {str(warning.message).splitlines()[0]}")

# The usual filters apply, e.g. to make it an error in a test run:
warnings.simplefilter("error", st.CachedObjectMutationWarning)
try:
    top_scores()
except st.CachedObjectMutationWarning as error:
    st.write("raised:", type(error).__name__)
