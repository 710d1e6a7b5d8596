import os
import sqlite3
import tempfile

import pandas as pd

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
conn = sqlite3.connect("shop.db")
conn.execute("CREATE TABLE IF NOT EXISTS sales (region TEXT PRIMARY KEY, amount REAL)")
conn.executemany("INSERT OR REPLACE INTO sales VALUES (?, ?)", [("north", 120.0), ("south", 80.5)])


def database_file(connection):
    """What identifies a connection here: the file of its main database."""
    return connection.execute("PRAGMA database_list").fetchone()[2]


@st.cache(hash_funcs={sqlite3.Connection: database_file})
def total_sales(region):
    st.write(f"  querying {region}")
    query = "SELECT SUM(amount) AS total FROM sales WHERE region = ?"
    return float(pd.read_sql_query(query, conn, params=(region,))["total"].iloc[0])


st.write("north:", total_sales("north"))
st.write("north:", total_sales("north"))
st.write("south:", total_sales("south"))
