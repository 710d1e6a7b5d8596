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


model = Translator("fr")  # loaded once, kept for the life of the app
st.write(translate(model, "hello"))
st.write(translate(model, "hello"))  # the same object: a hit
st.write(translate(Translator("fr"), "hello"))  # an equal but new object: a miss
