import threading

import cachelib as st


class SentimentModel:
    def __init__(self, name, weights):
        self.name = name
        self.weights = weights
        self._lock = threading.RLock()  # lets several sessions call predict() at once

    def predict(self, text):
        with self._lock:
            return sum(self.weights.get(word, 0.0) for word in text.lower().split())


@st.cache_resource  # one model for every session, never hashed
def load_model(name):
    return SentimentModel(name, {"great": 1.0, "slow": -0.5})


runs = []


# The model's name decides the scores: hash the model by it.
@st.cache_data(hash_funcs={SentimentModel: lambda model: model.name})
def score(model, text):
    runs.append(text)
    return model.predict(text)


st.write(score(load_model("tiny-v1"), "Great food but slow service"))
st.write(score(load_model("tiny-v1"), "Great food but slow service"))  # a hit
st.write("runs:", len(runs))
