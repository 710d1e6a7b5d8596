import os
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache
def count_errors(text):
    st.write("  counting")
    return sum("ERROR" in line for line in text.splitlines())


with open("app.log", "w") as out:
    out.write("INFO start\nERROR disk full\nINFO stop\n")

with open("app.log") as log:
    os.rename("app.log", "app.log.1")  # a log rotation moves the file while it is open
    text = log.read()  # the content is the key: the file's name and state no longer matter

st.write(count_errors(text))
st.write(count_errors(text))
