import sqlite3

import cachelib as st

connection = sqlite3.connect(":memory:")
connection.execute("create table visits (page text)")
connection.executemany("insert into visits values (?)", [("home",), ("kb",), ("home",)])
runs = []


# `_db`: the connection is left out of the key (there is one database).
@st.cache_data
def count_visits(_db, page):
    runs.append(page)
    return _db.execute("select count(*) from visits where page = ?", (page,)).fetchone()[0]


print(count_visits(connection, "home"))
print(count_visits(connection, "home"))  # a hit: the query does not run again
print("runs:", runs)
