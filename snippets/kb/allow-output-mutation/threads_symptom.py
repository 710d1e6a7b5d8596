import sqlite3
from concurrent.futures import ThreadPoolExecutor

import cachelib as st


@st.cache(allow_output_mutation=True)
def get_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE IF NOT EXISTS visits (page TEXT)")
    return conn


def session(page):
    """What one user's script run does. Streamlit runs each session in its own thread."""
    get_connection().execute("INSERT INTO visits VALUES (?)", (page,))
    return f"recorded {page}"


st.write(session("home"))  # the first session creates the connection, in its thread
with ThreadPoolExecutor(max_workers=1) as pool:  # a second user, in another thread
    try:
        st.write(pool.submit(session, "sales").result())
    except sqlite3.ProgrammingError as error:
        # The message goes on with the two thread ids, which change from run to run.
        st.write("ProgrammingError:", str(error).split(". ")[0])
