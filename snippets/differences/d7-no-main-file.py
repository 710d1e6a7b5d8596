import subprocess
import sys

import cachelib as st

# `python -c` runs code that has no file: __main__ has no __file__ (as in a REPL or a notebook).
CODE = """
import cachelib as st

@st.cache
def square(x):
    st.write("  square ran")
    return x * x

st.write(square(4), square(4))
"""
result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True)
st.write("exit status:", result.returncode)
print(result.stdout + result.stderr, end="")
