"""Dataclass instances are keyed by their fields, Enum members by name, UUIDs and datetimes by
value (a time-zone-aware datetime is another key than the naive one).

rule: 2.2
expect: same
both:
    ran Point(x=1, y=2)
    ran Point(x=1, y=3)
    ran Color.RED
    ran Color.BLUE
    ran 12345678-1234-5678-1234-567812345678
    ran 2024-01-02 03:04:05
    ran 2024-01-02 03:04:05+00:00
"""

import dataclasses
import datetime
import enum
import uuid

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


moment = datetime.datetime(2024, 1, 2, 3, 4, 5)
ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
for value in (
    Point(1, 2),
    Point(1, 2),
    Point(1, 3),
    Color.RED,
    Color.BLUE,
    Color.RED,
    ident,
    uuid.UUID(str(ident)),
    moment,
    moment.replace(),
    moment.replace(tzinfo=datetime.timezone.utc),
):
    echo(value)
