"""Ordered parallel map over batches, with bounded memory.

Batches go to worker processes and their results come back in submission
order, so the output is the same for any number of jobs. At most
``IN_FLIGHT_PER_JOB * jobs`` batches are submitted and not yet consumed: a
stream of any length is read only as fast as it is written, so memory stays
flat.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

# Two batches per worker: one being cleaned, one queued, so a worker never
# waits for the reader; more would only hold more records in memory.
IN_FLIGHT_PER_JOB = 2


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def ordered_map(
    func: Callable[[In], Out],
    batches: Iterable[In],
    jobs: int,
    initializer: Callable[..., None],
    initargs: tuple = (),
) -> Generator[Out, None, None]:
    """``func`` over ``batches`` in ``jobs`` processes, results in input order.

    With one job everything runs in this process (no pickling, no pool). Closing
    the generator early (a closed pipe, a fatal record) cancels what is queued.
    """
    if jobs <= 1:
        initializer(*initargs)
        yield from map(func, batches)
        return
    with ProcessPoolExecutor(jobs, initializer=initializer, initargs=initargs) as pool:
        pending: deque[Future] = deque()
        try:
            for batch in batches:
                pending.append(pool.submit(func, batch))
                if len(pending) >= IN_FLIGHT_PER_JOB * jobs:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
