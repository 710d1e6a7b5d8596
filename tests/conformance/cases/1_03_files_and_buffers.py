"""Open files are keyed by name, mtime and position (reading changes the key); StringIO by content.

rule: 1.3
expect: same
both:
    ran file 0
    ran file 5
    ran buffer 0 hello
    ran buffer 0 world
    hit
"""

import io

import cachelib as st

with open("data.txt", "w") as handle:
    handle.write("hello world\n")


@st.cache
def peek(stream):
    kind = "buffer" if isinstance(stream, io.StringIO) else "file"
    st.write("ran", kind, stream.tell(), *([stream.getvalue()] if kind == "buffer" else []))
    return 1


with open("data.txt") as handle:
    peek(handle)
    peek(handle)
    handle.read(5)
    peek(handle)
    peek(handle)
peek(io.StringIO("hello"))
peek(io.StringIO("hello"))
peek(io.StringIO("world"))
print("hit")
