import sqlite3
from dataclasses import dataclass

import cachelib as st


@dataclass(slots=True)
class Point:
    x: float
    y: float


@st.cache
def distance(point):
    st.write("  distance ran")
    return (point.x**2 + point.y**2) ** 0.5


st.write(distance(Point(3.0, 4.0)))
st.write(distance(Point(3.0, 4.0)))  # __slots__ instances are hashed by content
st.write(distance(Point(6.0, 8.0)))


@st.cache
def count_tables(conn):
    return conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()[0]


try:
    count_tables(sqlite3.connect(":memory:"))
except st.UnhashableTypeError as error:
    st.write(f"UnhashableTypeError: {error.type_name} in the {error.where} of {error.func_name}()")
