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
    headline = str(warning.message).split("\n\n")[0]  # the message's first paragraph
    st.write(f"{warning.category.__name__}: {headline}")

# The usual filters apply, e.g. to make it an error in a test run:
warnings.simplefilter("error", st.CachedObjectMutationWarning)
try:
    top_scores()
except st.CachedObjectMutationWarning as error:
    st.write("raised:", type(error).__name__)
