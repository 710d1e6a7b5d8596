import os

import cachelib as st


@st.cache
def count_lines(handle):
    return sum(1 for _ in handle)


with open("upload.csv", "w") as out:
    out.write("id,amount\n1,9.5\n2,14.0\n")

with open("upload.csv") as handle:
    os.remove("upload.csv")  # the temporary upload is cleaned up while still open
    st.write(count_lines(handle))
