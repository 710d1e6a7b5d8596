import os
from dataclasses import dataclass

import cachelib as st


@dataclass
class Dataset:
    name: str
    path: str | None  # None for a dataset built in memory
    rows: list


def by_file(dataset):
    """A dataset is its file, as of its last modification."""
    return dataset.path, os.path.getmtime(dataset.path)


@st.cache_data(hash_funcs={Dataset: by_file})
def without_blanks(dataset):
    return Dataset(dataset.name + " (clean)", None, [row for row in dataset.rows if row])


typed_in = Dataset("typed in", None, ["yes", "", "no"])  # no file behind it
st.write(without_blanks(typed_in).rows)
