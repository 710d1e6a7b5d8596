import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
conn = sqlite3.connect("shop.db")
conn.execute("CREATE TABLE IF NOT EXISTS products (name TEXT, price REAL)")
conn.executemany("INSERT INTO products VALUES (?, ?)", [("tea", 4.5), ("coffee", 7.0)])


@st.cache_data
def load_table(connection, table):
    return connection.execute(f"SELECT * FROM {table}").fetchall()


st.write(load_table(conn, "products"))
