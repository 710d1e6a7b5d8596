import csv
import io

import cachelib as st

DATA = "city,temp\nLyon,21\nOslo,9\n"


@st.cache
def read_rows(text):
    yield from csv.DictReader(io.StringIO(text))  # a generator: it cannot be stored


for row in read_rows(DATA):
    st.write(row)
