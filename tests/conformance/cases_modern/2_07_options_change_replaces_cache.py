"""Changing ttl or max_entries between reruns replaces the function's cache (its entries are
gone); the same options keep it.

rule: 2.7
expect: same
runs: 3
both:
    ran ttl
    ran size
    ran same
    ! run 2
    ran ttl
    ran size
    ! run 3
"""

import os

import cachelib as st

with open("reruns.txt", "a") as log:  # the run number, kept in the app's folder
    log.write(".")
RUN = os.path.getsize("reruns.txt")
TTL = {1: 100, 2: 200, 3: 200}[RUN]
SIZE = {1: 5, 2: 6, 3: 6}[RUN]


@st.cache_resource(ttl=TTL)
def by_ttl():
    print("ran ttl")


@st.cache_data(max_entries=SIZE)
def by_size():
    print("ran size")


@st.cache_data(max_entries=5, ttl=100)
def same():
    print("ran same")


by_ttl()
by_size()
same()
