import sqlite3

import cachelib as st

connection = sqlite3.connect(":memory:")
connection.execute("create table visits (page text)")
connection.executemany("insert into visits values (?)", [("home",), ("kb",), ("home",)])


@st.cache_data
def count_visits(db, page):
    return db.execute("select count(*) from visits where page = ?", (page,)).fetchone()[0]


print(count_visits(connection, "home"))
