import sqlite3

import cachelib as st


@st.cache_data
def connect(path):
    st.write("connecting to", path)
    return sqlite3.connect(path)


conn = connect(":memory:")
