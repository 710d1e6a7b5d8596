import io
import logging
from dataclasses import dataclass

import cachelib as st


@dataclass
class Region:
    name: str
    currency: str
    audit: logging.Handler  # where this region's queries are logged


@st.cache
def sales_report(regions):
    return {key: f"{region.name} in {region.currency}" for key, region in regions.items()}


audit_log = logging.StreamHandler(io.StringIO())
regions = {"eu": Region("Europe", "EUR", audit_log)}
st.write(sales_report(regions))
