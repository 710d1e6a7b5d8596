"""Dataclass instances are keyed by their fields, Enum members by name: equal ones hit, others
are new entries.

rule: 2.2
expect: same
both:
    ran Point(x=1, y=2)
    ran Point(x=1, y=3)
    ran Color.RED
    ran Color.BLUE
"""

import dataclasses
import enum

import cachelib as st


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Color(enum.Enum):
    RED = 1
    BLUE = 2


@st.cache_data
def echo(value):
    print(f"ran {value}")
    return 0


for value in (Point(1, 2), Point(1, 2), Point(1, 3), Color.RED, Color.BLUE, Color.RED):
    echo(value)
