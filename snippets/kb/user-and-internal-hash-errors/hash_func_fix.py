import os
import tempfile
from dataclasses import dataclass

import cachelib as st

os.chdir(tempfile.mkdtemp())  # a new empty folder: this example's files stay out of yours


@dataclass
class Dataset:
    name: str
    path: str | None  # None for a dataset built in memory
    rows: list


def by_file_or_rows(dataset):
    """A dataset read from a file is that file; one built in memory is its rows."""
    if dataset.path is None:
        return dataset.name, dataset.rows
    return dataset.path, os.path.getmtime(dataset.path)


@st.cache(hash_funcs={Dataset: by_file_or_rows})
def without_blanks(dataset):
    st.write(f"  cleaning {dataset.name}")
    return Dataset(dataset.name + " (clean)", None, [row for row in dataset.rows if row])


with open("survey.csv", "w") as out:
    out.write("yes\n\nno\n")
with open("survey.csv") as source:
    survey = Dataset("survey", "survey.csv", source.read().splitlines())

st.write(without_blanks(survey).rows)
st.write(without_blanks(survey).rows)
