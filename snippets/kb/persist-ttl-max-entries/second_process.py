import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours

APP = """
import cachelib as st


@st.cache(persist=True)
def monthly_totals(year):
    st.write("  computing", year)
    return {"jan": 1200, "feb": 980}


st.write("  totals:", monthly_totals(2024))
"""

Path("app.py").write_text(APP)
env = dict(os.environ, CACHELIB_CACHE_DIR="app-cache")  # where the entries go
for run in ("first run", "second run"):
    st.write(run)
    result = subprocess.run([sys.executable, "app.py"], env=env, capture_output=True, text=True)
    print(result.stdout + result.stderr, end="")

st.write("in app-cache:")
for path in sorted(Path("app-cache").iterdir()):
    kind = "an entry" if path.suffix == ".entry" else "the signing key"
    st.write(f"  {kind}, mode {stat.filemode(path.stat().st_mode)}")
