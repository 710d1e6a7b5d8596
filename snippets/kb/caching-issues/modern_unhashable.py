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


@st.cache_data
def score(model, text):
    return model.predict(text)


model = SentimentModel("tiny-v1", {"great": 1.0, "slow": -0.5})
st.write(score(model, "Great food but slow service"))
