import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor

import cachelib as st


class VisitLog:
    """One connection for every session, used by one thread at a time."""

    def __init__(self, path):
        # check_same_thread=False: allow other threads; the lock makes them take turns.
        self._conn = sqlite3.connect(path, check_same_thread=False)
        self._lock = threading.Lock()
        with self._lock, self._conn:
            self._conn.execute("CREATE TABLE IF NOT EXISTS visits (page TEXT)")

    def record(self, page):
        with self._lock, self._conn:  # the connection commits at the end of the block
            self._conn.execute("INSERT INTO visits VALUES (?)", (page,))

    def count(self):
        with self._lock:
            return self._conn.execute("SELECT COUNT(*) FROM visits").fetchone()[0]


@st.cache_resource
def get_visit_log():
    return VisitLog(":memory:")


def script_run(page):
    """One run of the app's script, in its session's thread."""
    get_visit_log().record(page)


pages = ["home", "sales", "home", "about"] * 25
with ThreadPoolExecutor(max_workers=8) as pool:
    list(pool.map(script_run, pages))

st.write("visits recorded:", get_visit_log().count())
