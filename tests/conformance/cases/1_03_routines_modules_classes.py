"""Builtins, numpy ufuncs, modules and user functions as arguments: equal ones hit, others miss.

rule: 1.3
expect: same
both:
    ran len
    ran abs
    ran add
    ran subtract
    ran math
    ran os
    ran double
    ran triple
    hit
"""

import math
import os

import numpy as np

import cachelib as st


def double(x):
    return 2 * x


def triple(x):
    return 3 * x


@st.cache
def name_of(thing):
    st.write("ran", thing.__name__)
    return thing.__name__


things = [len, abs, np.add, np.subtract, math, os, double, triple]
for thing in things + things:
    name_of(thing)
print("hit")
