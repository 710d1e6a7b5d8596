import os
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache
def read_notes(path):
    st.write(f"  reading {path}")
    with open(path) as notes:
        return notes.read()  # the text, not the open file


with open("notes.txt", "w") as out:
    out.write("buy tea\ncall Ada\n")

st.write(repr(read_notes("notes.txt")))
st.write(repr(read_notes("notes.txt")))
