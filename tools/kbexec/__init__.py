# Public surface of the knowledge base's execution harness: the SuperFences fence for `python`.
"""Run every `python` block of the site and check it does what it declares.

Registered in `mkdocs.yml` as a SuperFences custom fence:

```text
custom_fences:
  - name: python
    class: python
    validator: !!python/name:tools.kbexec.validator
    format: !!python/name:tools.kbexec.formatter
```

`tools.kbexec.pages` reads the same declarations from the Markdown sources, for the tests.
"""

from ._fence import formatter, validator

__all__ = ["formatter", "validator"]
