"""max_size strings with a unit ("2.5KiB", "2.5KB": both powers of 1024) cap like the same
number of bytes; "500MB", "1.5GiB" and "1TB" are accepted.

rule: 2.1
expect: same
both:
    kib 1
    kib 2
    kib 3
    kib 1
    kb 1
    kb 2
    kb 3
    kb 1
    large 1
    large 1
    large 1
"""

import cachelib as st


@st.cache_data(max_size="2.5KiB")
def kib(x):
    print(f"kib {x}")
    return bytes(1000)


@st.cache_data(max_size="2.5KB")
def kb(x):
    print(f"kb {x}")
    return bytes(1000)


@st.cache_data(max_size="500MB")
def large_mb(x):
    print(f"large {x}")
    return x


@st.cache_data(max_size="1.5GiB")
def large_gib(x):
    print(f"large {x}")
    return x


@st.cache_data(max_size="1TB")
def large_tb(x):
    print(f"large {x}")
    return x


for function in (kib, kb):
    for x in (1, 2, 3, 2, 3, 1):  # 1 is evicted by 3
        function(x)
for function in (large_mb, large_gib, large_tb):
    function(1)
    function(1)
