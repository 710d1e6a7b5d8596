"""Three replicas of one app, as three processes sharing one Redis: one computation."""

import multiprocessing
import os
import time

import cachelib as st

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")


@st.cache_data(ttl="1h", persist=REDIS_URL, show_spinner=False)
def sales_report(region):
    time.sleep(1)  # the slow query
    return {"region": region, "total": 1234, "computed_by": os.getpid()}


def replica(_):
    report = sales_report("emea")
    return report["total"], report["computed_by"] == os.getpid()


if __name__ == "__main__":
    sales_report.clear()  # start cold: this example may have run before
    with multiprocessing.get_context("fork").Pool(3) as replicas:
        answers = replicas.map(replica, range(3))
    print("totals seen by the 3 replicas:", [total for total, _ in answers])
    print("replicas that ran the query:", sum(ran for _, ran in answers))
