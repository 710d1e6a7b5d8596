import os
import sqlite3
import tempfile

import pandas as pd

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
conn = sqlite3.connect("shop.db")
conn.execute("CREATE TABLE IF NOT EXISTS sales (region TEXT PRIMARY KEY, amount REAL)")
conn.executemany("INSERT OR REPLACE INTO sales VALUES (?, ?)", [("north", 120.0), ("south", 80.5)])


@st.cache
def total_sales(region):
    query = "SELECT SUM(amount) AS total FROM sales WHERE region = ?"
    return float(pd.read_sql_query(query, conn, params=(region,))["total"].iloc[0])


st.write("north:", total_sales("north"))
