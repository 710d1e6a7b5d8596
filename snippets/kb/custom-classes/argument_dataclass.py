from dataclasses import dataclass

import cachelib as st

runs = []


@dataclass(frozen=True)
class Query:
    table: str
    limit: int


@st.cache_data
def run_query(query):
    runs.append(query)
    return [f"{query.table} row {n}" for n in range(query.limit)]


st.write(run_query(Query("orders", 2)))
st.write(run_query(Query("orders", 2)))  # an equal object: a hit
st.write(run_query(Query("orders", 3)))  # another limit: another key
st.write("runs:", len(runs))
