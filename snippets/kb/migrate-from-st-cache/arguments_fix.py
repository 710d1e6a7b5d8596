import cachelib as st


class Region:
    def __init__(self, name):
        self.name = name


@st.cache_data(hash_funcs={Region: lambda region: region.name})
def load_sales(region):
    return {"region": region.name, "total": 361}


st.write(load_sales(Region("north")))
