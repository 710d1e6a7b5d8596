import sqlite3

import cachelib as st


@st.cache(allow_output_mutation=True)
def get_connection():
    st.write("  connecting")
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE visits (page TEXT)")
    return conn


for page in ("home", "sales", "home"):
    conn = get_connection()  # one connection, shared by every call and every rerun
    conn.execute("INSERT INTO visits VALUES (?)", (page,))

st.write("visits:", get_connection().execute("SELECT COUNT(*) FROM visits").fetchone()[0])
