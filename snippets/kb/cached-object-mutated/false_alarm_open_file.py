import os
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@st.cache
def open_notes():
    st.write("  opening notes.txt")
    return open("notes.txt")


with open("notes.txt", "w") as out:
    out.write("buy tea\ncall Ada\n")

notes = open_notes()
st.write(repr(notes.read()))  # reading moves the file's position to its end
st.write(repr(open_notes().read()))  # a hit: the same file object, already read to the end
notes.close()
