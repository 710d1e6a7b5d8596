"""UUIDs and datetimes are keyed by value: an equal UUID or datetime hits, and a time-zone-aware
datetime is another key than the naive one.

rule: 2.2
expect: same
both:
    ran 12345678-1234-5678-1234-567812345678
    ran 2024-01-02 03:04:05
    ran 2024-01-02 03:04:05+00:00
"""

import datetime
import uuid

import cachelib as st


@st.cache_data
def echo(value):
    print(f"ran {value}")
    return 0


moment = datetime.datetime(2024, 1, 2, 3, 4, 5)
ident = uuid.UUID("12345678-1234-5678-1234-567812345678")
for value in (
    ident,
    uuid.UUID(str(ident)),
    moment,
    moment.replace(),
    moment.replace(tzinfo=datetime.timezone.utc),
):
    echo(value)
