import cachelib as st

runs = []


class Query:
    def __init__(self, table, limit):
        self.table = table
        self.limit = limit


def query_key(query):
    return (query.table, query.limit)  # everything that changes the result


@st.cache_data(hash_funcs={Query: query_key})
def run_query(query):
    runs.append(query)
    return [f"{query.table} row {n}" for n in range(query.limit)]


st.write(run_query(Query("orders", 2)))
st.write(run_query(Query("orders", 2)))  # equal fields: a hit
st.write("runs:", len(runs))
