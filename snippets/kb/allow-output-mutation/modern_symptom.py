import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
runs = []


@st.cache_data  # for data: every hit would return a pickled copy
def get_connection(path):
    runs.append(path)
    return sqlite3.connect(path)


for _rerun in (1, 2):  # two reruns of the app
    try:
        conn = get_connection("shop.db")
    except Exception as error:  # UnserializableReturnValueError
        headline = str(error).strip().split("\n\n")[0]  # the message's first paragraph
        st.write(f"{type(error).__name__}: {headline}")
st.write("runs:", len(runs))
