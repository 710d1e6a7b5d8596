import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
with sqlite3.connect("shop.db") as setup:
    setup.execute("CREATE TABLE IF NOT EXISTS products (name TEXT, price REAL)")
    setup.executemany("INSERT INTO products VALUES (?, ?)", [("tea", 4.5), ("coffee", 7.0)])


@st.cache
def cheap_products(max_price):
    st.write(f"  querying products under {max_price}")
    conn = sqlite3.connect("shop.db")
    rows = conn.execute("SELECT name FROM products WHERE price < ?", (max_price,)).fetchall()
    conn.close()
    return rows  # plain data: a list of tuples


for (name,) in cheap_products(5.0):
    st.write(name)
for (name,) in cheap_products(5.0):
    st.write(name)
