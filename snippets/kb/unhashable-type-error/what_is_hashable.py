import datetime
import decimal
import pathlib
import re
import socket
import sqlite3
import threading

import cachelib as st


@st.cache
def accept(value):
    return "hashed"


def numbers():
    yield 1


connection = sqlite3.connect(":memory:")
server = socket.socket()
samples = [
    ("a lock", threading.Lock()),
    ("a re-entrant lock", threading.RLock()),
    ("a database connection", connection),
    ("a database cursor", connection.cursor()),
    ("a socket", server),
    ("a generator", numbers()),
    ("thread-local storage", threading.local()),
    ("a memoryview", memoryview(b"abc")),
    ("a date", datetime.date(2024, 5, 1)),
    ("a Decimal", decimal.Decimal("9.99")),
    ("a path", pathlib.Path("data/sales.csv")),
    ("a compiled regex", re.compile(r"\d+")),
    ("a complex number", 2 + 3j),
    ("a set", {"tea", "coffee"}),
]
for label, value in samples:
    try:
        st.write(f"{label:>22}: {accept(value)}")
    except st.UnhashableTypeError as error:
        st.write(f"{label:>22}: UnhashableTypeError, type {error.type_name}")
server.close()
connection.close()
