"""In-process model fits run with one OpenMP thread: on a busy 2-core CI host the boosted trees'
spin-waiting threads cost more than they save (the CLI tests pass OMP_NUM_THREADS=1 likewise)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from threadpoolctl import threadpool_limits


@pytest.fixture(autouse=True)
def one_openmp_thread() -> Iterator[None]:
    with threadpool_limits(limits=1, user_api="openmp"):
        yield
