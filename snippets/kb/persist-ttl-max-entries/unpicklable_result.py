import os
import tempfile
import threading
from pathlib import Path

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours
os.environ["CACHELIB_CACHE_DIR"] = "cache"  # this example's entries, in ./cache


class Model:
    def __init__(self, name):
        self.name = name
        self.lock = threading.Lock()  # pickle refuses locks


@st.cache(persist=True, allow_output_mutation=True)
def load_model(name):
    st.write("  loading", name)
    return Model(name)


model = load_model("tiny-v1")
st.write("the same object on the next call:", load_model("tiny-v1") is model)
st.write("entries on disk:", len(list(Path("cache").glob("*.entry"))))
