"""False negative: renaming a returned DataFrame's column in place is not seen by Streamlit.

rule: 1.6
expect: D1
cachelib:
    ! warning CachedObjectMutationWarning func=frame
    ['renamed']
streamlit:
    ['renamed']
"""

import pandas as pd

import cachelib as st


@st.cache
def frame():
    return pd.DataFrame({"a": [1, 2, 3]})


frame().rename(columns={"a": "renamed"}, inplace=True)
print(list(frame().columns))
