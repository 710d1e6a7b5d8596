import sqlite3

import cachelib as st


@st.cache(persist=True, allow_output_mutation=True)
def connect():
    st.write("connecting")
    return sqlite3.connect(":memory:")


conn = connect()
st.write("same connection on the next call:", connect() is conn)
