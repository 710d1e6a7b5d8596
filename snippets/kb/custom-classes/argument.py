import cachelib as st


class Query:
    def __init__(self, table, limit):
        self.table = table
        self.limit = limit


@st.cache_data
def run_query(query):
    return [f"{query.table} row {n}" for n in range(query.limit)]


st.write(run_query(Query("orders", 2)))
