# Where entries live: the in-process memory tier, and persistent backends behind one interface.
"""Storage: `memory.MemoryStore` in every cache; `base.Backend` for persisted entries."""
