import os
import sqlite3
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache  # without allow_output_mutation=True
def get_connection(path):
    st.write("connecting to", path)
    return sqlite3.connect(path)


for _rerun in (1, 2):  # two reruns of the app
    try:
        conn = get_connection("shop.db")
    except st.UnhashableTypeError as error:
        st.write(str(error).split("\n\n")[0])  # the message's first paragraph
