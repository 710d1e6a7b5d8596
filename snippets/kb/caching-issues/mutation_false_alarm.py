import xml.etree.ElementTree as ET

import cachelib as st

FEED = """<feed>
  <entry><title>Release 2.0</title><tag>news</tag></entry>
  <entry><title>Caching tips</title><tag>howto</tag></entry>
</feed>"""


class ParsedFeed:
    """A parsed XML feed that remembers the lookups it has already answered."""

    def __init__(self, xml_text):
        self.source = xml_text
        self.root = ET.fromstring(xml_text)
        self._answers = {}  # a memo, filled on read

    def titles(self, tag):
        if tag not in self._answers:
            entries = self.root.iter("entry")
            self._answers[tag] = [e.findtext("title") for e in entries if e.findtext("tag") == tag]
        return self._answers[tag]


@st.cache
def load_feed(xml_text):
    st.write("  parsing the feed")
    return ParsedFeed(xml_text)


st.write(load_feed(FEED).titles("news"))  # reading fills the memo...
st.write(load_feed(FEED).titles("news"))  # ...so this hit finds a "mutated" feed
