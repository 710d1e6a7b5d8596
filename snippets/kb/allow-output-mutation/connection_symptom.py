import sqlite3

import cachelib as st


@st.cache  # without allow_output_mutation=True
def get_connection(path):
    st.write("connecting to", path)
    return sqlite3.connect(path)


for _rerun in (1, 2):  # two reruns of the app
    try:
        conn = get_connection("shop.db")
    except st.UnhashableTypeError as error:
        st.write(str(error).splitlines()[0])  # the first line of the message
