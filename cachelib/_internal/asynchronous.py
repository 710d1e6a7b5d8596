# The miss of an `async def` cached function: awaited, once per key within an event loop.
"""Misses of cached coroutine functions.

A hit needs no awaiting beyond the wrapper's own. On a miss the first task computes the
value while the other tasks of the same event loop that miss the same key wait for it
(then read the stored result), so one run per key holds for tasks as it does for threads.
"""

from __future__ import annotations

import asyncio

from . import output, spinner
from .pipeline import MISS, Call

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Hashable
    from typing import Any

    from .backends.memory import MemoryStore
    from .binding import Bound
    from .pipeline import CachedFunction


class AsyncCall(Call):
    """A call of a coroutine function (`invoke` returns the coroutine)."""

    __slots__ = ()


async def miss_async(
    state: CachedFunction, store: MemoryStore, key: Hashable, values: Bound, call: AsyncCall
) -> Any:
    """Compute (or wait for) the value of ``key`` for a coroutine function.

    Args:
        state: The cached function's state.
        store: Its store.
        key: The value key.
        values: The bound values.
        call: The call.

    Returns:
        The value.
    """
    loop = asyncio.get_running_loop()
    pending: dict[Hashable, asyncio.Future[None]] = state.pending
    while True:
        running = pending.get(key)
        if running is None or running.get_loop() is not loop:
            break
        await asyncio.shield(running)
        value = state.hit(store, key, values, call)
        if value is not MISS:
            return value
    done: asyncio.Future[None] = loop.create_future()
    pending[key] = done
    try:
        found = state.load_persisted(store, key, values)
        if found is not MISS:
            return found
        policy = state.policy
        shown = policy.spinner_text(bool(values) or state.binder.takes_arguments)
        token = spinner.start(*shown) if shown is not None else None
        try:
            with output.Recording() as recording:
                value = await call.invoke()
        finally:
            spinner.finish(token)
        state.keep(store, key, values, value, recording.lines if policy.replays else [])
        return value
    finally:
        if pending.get(key) is done:
            del pending[key]
        done.set_result(None)
