from functools import cached_property

import cachelib as st


class SalesReport:
    def __init__(self, amounts):
        self.amounts = amounts

    @cached_property
    def total(self):  # computed on first read, then kept in the instance's __dict__
        return sum(self.amounts)


# A report is its amounts; what it computed from them does not count.
@st.cache(hash_funcs={SalesReport: lambda report: report.amounts})
def load_report(month):
    st.write(f"  loading {month}")
    return SalesReport([120.0, 80.5, 42.0])


st.write("total:", load_report("2024-05").total)
st.write("total:", load_report("2024-05").total)
