import os
import sqlite3
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


class Connections:
    """Shared by every session; hands each thread a connection of its own."""

    def __init__(self, path):
        self.path = path
        self._local = threading.local()
        self.opened = 0

    def get(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._local.conn = sqlite3.connect(self.path)
            self.opened += 1
        return conn


@st.cache_resource
def connections():
    return Connections("shop.db")


def script_run(region):
    """One run of the app's script, in its session's thread."""
    conn = connections().get()  # this thread's own connection
    return conn.execute("SELECT ?", (region,)).fetchone()[0]


with ThreadPoolExecutor(max_workers=3) as pool:
    st.write(list(pool.map(script_run, ["north", "south", "east", "west"] * 3)))
st.write("at most one connection per thread:", connections().opened <= 3)
