import threading

import cachelib as st


class Translator:
    def __init__(self, language):
        self.language = language
        self._lock = threading.RLock()  # unhashable


@st.cache(hash_funcs={Translator: id})
def translate(translator, text):
    st.write(f"  translating {text!r} to {translator.language}")
    return f"[{translator.language}] {text}"


# Each translator is freed as soon as its call returns: the next one may get its id.
french = translate(Translator("fr"), "hello")
german = translate(Translator("de"), "hello")
st.write(french)
st.write(german)
