import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache_resource  # one shared connection per database file
def get_connection(path):
    return sqlite3.connect(path, check_same_thread=False)


runs = []


@st.cache_data
def load_table(path, table):  # the path identifies the data; the connection stays out of the key
    runs.append(table)
    return get_connection(path).execute(f"SELECT * FROM {table}").fetchall()


conn = get_connection("shop.db")
conn.execute("CREATE TABLE IF NOT EXISTS products (name TEXT, price REAL)")
conn.executemany("INSERT INTO products VALUES (?, ?)", [("tea", 4.5), ("coffee", 7.0)])

st.write(load_table("shop.db", "products"))
st.write(load_table("shop.db", "products"))
st.write("runs:", runs)
