import sqlite3

import cachelib as st

conn = sqlite3.connect("shop.db")
conn.execute("CREATE TABLE IF NOT EXISTS sales (region TEXT PRIMARY KEY, amount REAL)")
conn.executemany("INSERT OR REPLACE INTO sales VALUES (?, ?)", [("north", 120.0), ("south", 80.5)])


@st.cache
def total_sales(region):
    query = "SELECT SUM(amount) FROM sales WHERE region = ?"
    return conn.execute(query, (region,)).fetchone()[0]


st.write("north:", total_sales("north"))
