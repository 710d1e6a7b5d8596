import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


class ShopConnection(sqlite3.Connection):
    """A connection with a helper for the shop's tables."""

    def count(self, table):
        return self.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def database_file(conn):
    return conn.execute("PRAGMA database_list").fetchone()[2]


@st.cache_data(hash_funcs={sqlite3.Connection: database_file})
def row_count(connection, table):
    return connection.count(table)


conn = sqlite3.connect("shop.db", factory=ShopConnection)
conn.execute("CREATE TABLE IF NOT EXISTS orders (id INTEGER)")
st.write(row_count(conn, "orders"))
