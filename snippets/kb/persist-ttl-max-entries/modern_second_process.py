import os
import subprocess
import sys
import tempfile
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours

APP = """
import cachelib as st


@st.cache_data(persist="disk")
def monthly_totals(year):
    print("  computing", year)
    return {"jan": 1200, "feb": 980}


print("  totals:", monthly_totals(2024))
"""

Path("app.py").write_text(APP)
env = dict(os.environ, CACHELIB_CACHE_DIR="app-cache")  # where the entries go
for run in ("first run", "second run"):
    st.write(run)
    result = subprocess.run([sys.executable, "app.py"], env=env, capture_output=True, text=True)
    print(result.stdout + result.stderr, end="")

st.write("cache_data entries in app-cache/data:", len(list(Path("app-cache/data").glob("*.entry"))))
