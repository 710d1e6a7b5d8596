"""ttl strings as 1.67 parses them ("1h", "30m", "2 days", "1d", "90s", "1h30m") are accepted,
and a short one ("1s") expires like the same number of seconds.

rule: 2.1
expect: same
runs: 3
both:
    ran 1h
    ran 30m
    ran 2 days
    ran 1d
    ran 90s
    ran 1h30m
    ran 1s
    ! run 2
    waiting
    ! run 3
    ran 1s
"""

import time

import cachelib as st


@st.cache_data(ttl="1h")
def hour(x):
    print(f"ran {x}")


@st.cache_data(ttl="30m")
def half_hour(x):
    print(f"ran {x}")


@st.cache_data(ttl="2 days")
def two_days(x):
    print(f"ran {x}")


@st.cache_resource(ttl="1d")
def one_day(x):
    print(f"ran {x}")


@st.cache_data(ttl="90s")
def ninety(x):
    print(f"ran {x}")


@st.cache_data(ttl="1h30m")
def combined(x):
    print(f"ran {x}")


@st.cache_data(ttl="1s")
def second(x):
    print(f"ran {x}")


hour("1h")
half_hour("30m")
two_days("2 days")
one_day("1d")
ninety("90s")
combined("1h30m")
second("1s")
with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
with open("reruns.txt") as log:
    RUN = len(log.read())
if RUN == 2:
    st.write("waiting")
    time.sleep(1.2)
