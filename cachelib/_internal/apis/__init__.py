# One file per public API: what is special about it, and its decorator.
"""The APIs: `legacy` (``cache``), `data` (``cache_data``), `resource` (``cache_resource``)."""
