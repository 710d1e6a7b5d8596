import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache_resource
def get_connection(path):
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("CREATE TABLE IF NOT EXISTS sales (region TEXT, amount REAL)")
    conn.executemany("INSERT INTO sales VALUES (?, ?)", [("north", 120.0), ("south", 80.5)])
    return conn


runs = []


# `_conn`: the connection stays out of the key; the region decides the result.
@st.cache_data
def total_sales(_conn, region):
    runs.append(region)
    query = "SELECT SUM(amount) FROM sales WHERE region = ?"
    return _conn.execute(query, (region,)).fetchone()[0]


conn = get_connection("shop.db")
st.write("north:", total_sales(conn, "north"))
st.write("north:", total_sales(get_connection("shop.db"), "north"))  # a hit
st.write("south:", total_sales(conn, "south"))
st.write("runs:", runs)
