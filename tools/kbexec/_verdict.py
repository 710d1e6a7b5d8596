# Compares what a block did with what it declares, and writes the output the page shows.
"""Verdict on a block's outcome, and the output text shown to readers."""

from __future__ import annotations

from textwrap import indent
from typing import TYPE_CHECKING

from ._execute import Outcome

if TYPE_CHECKING:  # not imported at run time: the in-browser runner ships this module alone
    from ._options import BlockSpec


def problems(spec: BlockSpec, outcome: Outcome) -> list[str]:
    """List every way a block's outcome differs from its declaration.

    Args:
        spec: What the block declares.
        outcome: What the block did.

    Returns:
        One sentence per difference, empty when the block behaved as declared.
    """
    found: list[str] = []
    error = outcome.error
    if spec.expect and error is None:
        found.append(f"expected {spec.expect}, but nothing was raised")
    elif spec.expect and not spec.expects_exception(outcome.printed_name):
        found.append(
            f"expected {spec.expect}, but {outcome.printed_name} was raised:\n"
            + indent(outcome.full_traceback, "    ")
        )
    elif spec.match and error is not None and _words(spec.match) not in _words(str(error)):
        found.append(
            f"{outcome.printed_name} was raised, but its message lacks {spec.match!r}; "
            f"the message is:\n" + indent(str(error), "    ")
        )
    elif not spec.expect and error is not None:
        found.append(
            f"raised an unexpected {outcome.printed_name}:\n"
            + indent(outcome.full_traceback, "    ")
        )
    emitted = [message.category.__name__ for message in outcome.warnings]
    found.extend(
        f"expected warning {name}, but it was not emitted"
        for name in spec.warns
        if name not in emitted
    )
    unexpected = dict.fromkeys(
        f"{message.category.__name__}: {message.message}"
        for message in outcome.warnings
        if not spec.declares_warning(message.category.__name__)
    )
    found.extend(f"emitted an unexpected warning: {line}" for line in unexpected)
    return found


def _words(text: str) -> str:
    """The words of a text, one space apart: messages come in short lines, broken anywhere."""
    return " ".join(text.split())


def output_text(outcome: Outcome) -> str:
    """Write what a reader sees as the block's output.

    Args:
        outcome: What the block did.

    Returns:
        The streams (with a `Category: message` line where each warning was emitted),
        then the clean traceback of the exception, if any; without trailing newlines.
    """
    text = outcome.streams
    if text and outcome.traceback and not text.endswith("\n"):
        text += "\n"
    return (text + outcome.traceback).rstrip("\n")
