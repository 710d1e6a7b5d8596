"""Objects without a specific rule that pickle and __reduce__ both handle are hashed by content.

rule: 1.3
expect: same
both:
    ran Holder
    ran datetime
    ran Decimal
    ran Fraction
    ran PosixPath
    ran UUID
    ran set
    ran frozenset
    ran range
    ran Color
    ran Level
    ran int
    ran Point
    ran Logger
    ran object
    ran ellipsis
    ran type
    hit
"""

import dataclasses
import datetime
import decimal
import enum
import fractions
import logging
import pathlib
import uuid

import cachelib as st


class Holder:
    def __init__(self, value):
        self.value = value


class Color(enum.Enum):
    RED = 1


class Level(enum.IntEnum):
    LOW = 1


@dataclasses.dataclass
class Point:
    x: int
    y: int


@st.cache
def kind(x):
    st.write("ran", type(x).__name__)
    return 1


def values():
    return [
        Holder(1),
        datetime.datetime(2024, 1, 2, 3, 4, 5),
        decimal.Decimal("1.10"),
        fractions.Fraction(1, 3),
        pathlib.Path("/data/file.csv"),
        uuid.UUID(int=7),
        {1, 2, 3},
        frozenset({1, 2}),
        range(10),
        Color.RED,
        Level.LOW,
        1,
        Point(1, 2),
        logging.getLogger("conformance"),
        object(),
        Ellipsis,
        type(None),
    ]


for value in values():
    kind(value)
for value in values():
    kind(value)
print("hit")
