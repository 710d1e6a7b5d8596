import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache(hash_funcs={sqlite3.Connection: lambda _: None})  # every connection is "the same"
def total_sales(connection):
    st.write("  querying")
    return connection.execute("SELECT SUM(amount) FROM sales").fetchone()[0]


for city, amount in (("lyon", 120.0), ("oslo", 80.5)):
    with sqlite3.connect(f"{city}.db") as db:
        db.execute("CREATE TABLE sales (amount REAL)")
        db.execute("INSERT INTO sales VALUES (?)", (amount,))

st.write("lyon:", total_sales(sqlite3.connect("lyon.db")))
st.write("oslo:", total_sales(sqlite3.connect("oslo.db")))  # wrong: the result for lyon
