import os
import subprocess
import sys
import tempfile
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours

APP = """
import os

import cachelib as st


@st.cache_data(persist="disk")
def load_prices(path):
    print("  load_prices read", path)
    with open(path) as file:
        return file.read().split()


@st.cache_data(persist="disk")
def load_prices_of(path, modified):  # the file's modification time is part of the key
    print("  load_prices_of read", path)
    with open(path) as file:
        return file.read().split()


print("  load_prices:   ", load_prices("prices.txt"))
modified = os.stat("prices.txt").st_mtime_ns
print("  load_prices_of:", load_prices_of("prices.txt", modified))
"""


def run_app():
    """Start the app in a new process, as on each new day."""
    env = dict(os.environ, CACHELIB_CACHE_DIR="cache")
    result = subprocess.run([sys.executable, "app.py"], env=env, capture_output=True, text=True)
    print(result.stdout + result.stderr, end="")


Path("app.py").write_text(APP)
Path("prices.txt").write_text("9.50 14.00")
st.write("monday")
run_app()

Path("prices.txt").write_text("9.90 14.50")  # the file is updated overnight
st.write("tuesday")
run_app()
