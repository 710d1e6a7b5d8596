import sqlite3
from concurrent.futures import ThreadPoolExecutor

import cachelib as st


@st.cache_resource
def get_connection():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE IF NOT EXISTS visits (page TEXT)")
    return conn


def script_run(page):
    """One run of the app's script. Streamlit runs each session in its own thread."""
    get_connection().execute("INSERT INTO visits VALUES (?)", (page,))
    return f"recorded {page}"


st.write(script_run("home"))  # the first session creates the connection, in its thread
with ThreadPoolExecutor(max_workers=1) as pool:  # a second session, in another thread
    try:
        st.write(pool.submit(script_run, "sales").result())
    except sqlite3.ProgrammingError as error:
        # The message goes on with the two thread ids, which change from run to run.
        st.write("ProgrammingError:", str(error).split(". ")[0])
