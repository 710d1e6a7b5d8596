"""Two different sqlite3 connections: one entry in Streamlit (the second database gets the first's
rows); cachelib refuses them.

rule: 1.3
expect: D4
cachelib:
    ! raised UnhashableTypeError type=sqlite3.Connection func=count where=arguments
    ! raised UnhashableTypeError type=sqlite3.Connection func=count where=arguments
    results: []
streamlit:
    ran
    results: [1, 1]
"""

import sqlite3

import cachelib as st


def database(rows):
    connection = sqlite3.connect(":memory:")
    connection.execute("create table t (x)")
    connection.executemany("insert into t values (?)", [(i,) for i in range(rows)])
    return connection


@st.cache
def count(connection):
    st.write("ran")
    return connection.execute("select count(*) from t").fetchone()[0]


results = []
for connection in (database(1), database(5)):
    try:  # noqa: SIM105 (the observer records what except clauses catch)
        results.append(count(connection))
    except Exception:
        pass
print("results:", results)
