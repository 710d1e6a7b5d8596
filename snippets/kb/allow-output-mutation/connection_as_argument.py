import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache(allow_output_mutation=True)
def get_connection(path):
    st.write("  connecting to", path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE IF NOT EXISTS sales (region TEXT, amount REAL)")
    conn.executemany("INSERT INTO sales VALUES (?, ?)", [("north", 120.0), ("south", 80.5)])
    return conn


# The connection is created once and kept, so its identity is enough to tell it apart.
@st.cache(hash_funcs={sqlite3.Connection: id})
def total_sales(conn, region):
    st.write(f"  querying {region}")
    query = "SELECT SUM(amount) FROM sales WHERE region = ?"
    return conn.execute(query, (region,)).fetchone()[0]


conn = get_connection("shop.db")
st.write("north:", total_sales(conn, "north"))
st.write("north:", total_sales(get_connection("shop.db"), "north"))  # same connection: a hit
st.write("south:", total_sales(conn, "south"))
