import copy

import cachelib as st


@st.cache
def load_settings():
    st.write("  reading the settings")
    return {"theme": "light", "columns": ["date", "amount"]}


settings = copy.deepcopy(load_settings())  # the copy is yours to change, nested lists included
settings["columns"].append("region")
st.write("columns:", settings["columns"])

settings = copy.deepcopy(load_settings())
st.write("columns:", settings["columns"])
