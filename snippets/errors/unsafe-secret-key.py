import os
import shutil
import tempfile

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache-laptop"


@st.cache(persist=True)
def monthly_report(month):
    st.write("computing the report for", month)
    return {"month": month, "total": 1250}


monthly_report("2024-01")  # the first persisted call creates cache-laptop/secret.key

# The folder is copied to a shared machine, where every file is made readable by all.
shutil.copytree("cache-laptop", "cache-shared")
os.chmod("cache-shared/secret.key", 0o644)
os.environ["CACHELIB_CACHE_DIR"] = "cache-shared"

monthly_report("2024-02")  # a new key replaces the unsafe one: computed again
