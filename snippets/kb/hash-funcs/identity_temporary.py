import threading

import cachelib as st


class Translator:
    def __init__(self, language):
        self.language = language
        self._lock = threading.RLock()  # unhashable


@st.cache(hash_funcs={Translator: id})
def translate(translator, text):
    return f"[{translator.language}] {text}"


# Each translator is freed as soon as its call returns: the next one may get its id.
wrong = []
for language in ["fr", "de", "es", "it", "nl", "pt", "sv", "pl"] * 4:
    result = translate(Translator(language), "hello")
    if result != f"[{language}] hello":
        wrong.append(f"{language} got {result}")

st.write("wrong results:", len(wrong) > 0)
