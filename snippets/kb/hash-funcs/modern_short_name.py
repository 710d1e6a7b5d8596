import sqlite3

import cachelib as st


# "Connection" is not the type's full name ("sqlite3.Connection"): it could never match.
@st.cache_data(hash_funcs={"Connection": id})
def row_count(connection, table):
    return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE orders (id INTEGER)")
st.write(row_count(conn, "orders"))
