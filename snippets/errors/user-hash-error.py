import sqlite3

import cachelib as st


# Bug: sqlite3 connections have no `database` attribute.
@st.cache(hash_funcs={sqlite3.Connection: lambda connection: connection.database})
def row_count(connection, table):
    return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


conn = sqlite3.connect(":memory:")
conn.execute("CREATE TABLE orders (id INTEGER)")
st.write(row_count(conn, "orders"))
