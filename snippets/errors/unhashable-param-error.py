import sqlite3

import cachelib as st


@st.cache_data
def count_orders(conn, status):
    st.write("counting", status, "orders")
    return conn.execute("select count(*) from orders where status = ?", (status,)).fetchone()[0]


conn = sqlite3.connect(":memory:")
conn.execute("create table orders (status text)")
count_orders(conn, "open")
