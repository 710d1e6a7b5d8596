from collections import Counter

import cachelib as st


@st.cache(allow_output_mutation=True)  # one counter, shared and updated by every call
def page_views():
    st.write("  creating the counter")
    return Counter()


for page in ("home", "pricing", "home"):
    page_views()[page] += 1

st.write(page_views().most_common())
