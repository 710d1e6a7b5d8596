import io
import logging
from dataclasses import dataclass

import cachelib as st


@dataclass
class Region:
    name: str
    currency: str
    audit: logging.Handler  # where this region's queries are logged


# A region's report depends on its name and currency, not on where it is logged.
@st.cache(hash_funcs={Region: lambda region: (region.name, region.currency)})
def sales_report(regions):
    st.write("  building the reports")
    return {key: f"{region.name} in {region.currency}" for key, region in regions.items()}


audit_log = logging.StreamHandler(io.StringIO())
st.write(sales_report({"eu": Region("Europe", "EUR", audit_log)}))
st.write(sales_report({"eu": Region("Europe", "EUR", audit_log)}))
st.write(sales_report({"eu": Region("Europe", "CHF", audit_log)}))
