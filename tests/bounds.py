"""Bounds on processing time for hostile-input tests.

Time is CPU time of this process (nh3 included), not wall time, so a loaded machine does not
make the tests flaky; the bounds are generous (milliseconds per kilobyte where the work takes
microseconds). Before the fixes these inputs took minutes: a quadratic path fails them by far.
"""

import time

# A generous allowance: 20 ms of CPU per kilobyte of input, plus one second.
MS_PER_KB = 20
BASE_SECONDS = 1.0


def cpu_seconds(function, *args, **kwargs):
    """(result or exception, CPU seconds spent)."""
    start = time.process_time()
    try:
        result = function(*args, **kwargs)
    except Exception as error:  # the caller asserts on what came back
        result = error
    return result, time.process_time() - start


def allowed_seconds(size_in_bytes: int) -> float:
    return BASE_SECONDS + MS_PER_KB * size_in_bytes / 1024 / 1000


def assert_linear(function, size_in_bytes: int, *args, **kwargs):
    """Run function(*args, **kwargs); fail if it took more than the allowance for its input
    size. Returns what it returned (or raised)."""
    result, spent = cpu_seconds(function, *args, **kwargs)
    limit = allowed_seconds(size_in_bytes)
    assert spent <= limit, f"{spent:.2f} s of CPU for {size_in_bytes:,} bytes (allowed {limit:.2f})"
    return result
