"""An open file is keyed by its name, modification time and position: the same file at the same
position hits, another position is another entry.

rule: 2.2
expect: same
both:
    ran 0
    ran 5
    done
"""

import cachelib as st


@st.cache_data
def read_from(handle):
    print(f"ran {handle.tell()}")
    return handle.tell()


with open("data.txt", "w") as out:
    out.write("0123456789")
with open("data.txt") as first, open("data.txt") as second:
    read_from(first)
    read_from(second)  # same name, time and position
    second.seek(5)
    read_from(second)
st.write("done")
