from functools import cached_property

import cachelib as st


class SalesReport:
    def __init__(self, amounts):
        self.amounts = amounts

    @cached_property
    def total(self):  # computed on first read, then kept in the instance's __dict__
        return sum(self.amounts)


@st.cache
def load_report(month):
    st.write(f"  loading {month}")
    return SalesReport([120.0, 80.5, 42.0])


st.write("total:", load_report("2024-05").total)  # the first read stores `total`
st.write("total:", load_report("2024-05").total)  # this hit finds a "changed" report
