import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
conn = sqlite3.connect("shop.db")
conn.execute("CREATE TABLE IF NOT EXISTS products (name TEXT, price REAL)")
conn.executemany("INSERT INTO products VALUES (?, ?)", [("tea", 4.5), ("coffee", 7.0)])
runs = []


@st.cache_data
def load_table(_connection, table):  # `_connection` is left out of the key
    runs.append(table)
    return _connection.execute(f"SELECT * FROM {table}").fetchall()


st.write(load_table(conn, "products"))
st.write(load_table(conn, "products"))
st.write("runs:", runs)
