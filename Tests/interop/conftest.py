"""Fixtures for the interop suite: the `arrow-ipc` binary under test and a way to run it.

The binary comes from the environment variable ARROW_IPC (scripts/test sets it to the freshly
built binary). Without it the suite stops at once with an error: it never passes or skips silently.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from interop_support import CLI

_HOW_TO_RUN = (
    "Run the suite through `scripts/test` from the repository root, or set ARROW_IPC to the built "
    "binary yourself: ARROW_IPC=\"$(swift build --show-bin-path)/arrow-ipc\" .venv/bin/pytest Tests/interop"
)


def _binary_problem() -> str | None:
    value = os.environ.get("ARROW_IPC", "")
    if not value:
        return "ARROW_IPC is not set, so there is no arrow-ipc binary to test."
    path = Path(value)
    if not path.is_file():
        return f"ARROW_IPC points to {value}, which does not exist (was `swift build` run?)."
    if not os.access(path, os.X_OK):
        return f"ARROW_IPC points to {value}, which is not executable."
    return None


def pytest_sessionstart(session: pytest.Session) -> None:
    """Stops the run before any test when the binary under test is missing."""
    if session.config.option.collectonly:
        return
    problem = _binary_problem()
    if problem:
        raise pytest.UsageError(f"interop suite cannot run: {problem}\n{_HOW_TO_RUN}")


def pytest_report_header(config: pytest.Config) -> str:
    import polars
    import pyarrow

    binary = os.environ.get("ARROW_IPC", "(unset)")
    return f"arrow-ipc: {binary}; pyarrow {pyarrow.__version__}; polars {polars.__version__}"


@pytest.fixture(scope="session")
def arrow_ipc() -> Path:
    """Absolute path of the `arrow-ipc` binary under test."""
    problem = _binary_problem()
    if problem:
        pytest.fail(f"{problem}\n{_HOW_TO_RUN}", pytrace=False)
    return Path(os.environ["ARROW_IPC"]).resolve()


@pytest.fixture(scope="session")
def cli(arrow_ipc: Path) -> CLI:
    """Runs the binary: `cli.ok(...)`, `cli.fails(..., code=1)`, `cli.run(...)`."""
    return CLI(arrow_ipc)
