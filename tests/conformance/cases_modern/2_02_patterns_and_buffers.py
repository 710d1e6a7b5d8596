"""Compiled patterns are keyed by their text and flags, in-memory buffers (BytesIO, StringIO) by
their content and position: equal ones hit, a change is a new entry.

rule: 2.2
expect: same
both:
    ran Pattern
    ran Pattern
    ran BytesIO
    ran BytesIO
    ran StringIO
"""

import io
import re

import cachelib as st


@st.cache_data
def echo(value):
    print(f"ran {type(value).__name__}")
    return 0


moved = io.BytesIO(b"abc")
moved.seek(1)
for value in (
    re.compile("a+"),
    re.compile("a+"),
    re.compile("a+", re.IGNORECASE),
    io.BytesIO(b"abc"),
    io.BytesIO(b"abc"),
    moved,
    io.StringIO("abc"),
    io.StringIO("abc"),
):
    echo(value)
