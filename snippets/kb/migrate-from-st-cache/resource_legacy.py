import sqlite3

import cachelib as st


@st.cache(allow_output_mutation=True)
def connect(path):
    print("opening", path)
    return sqlite3.connect(path, check_same_thread=False)


conn = connect(":memory:")
st.write("one shared connection:", connect(":memory:") is conn)
