"""The Arrow fuzz regression corpus through the CLI: `validate` and `cat` end with a result or an
error on every file, never a crash or a hang.

The corpus is the top level of `arrow-ipc-stream/` and `arrow-ipc-file/` in the arrow-testing data
(`../shared/arrow-testing/data` beside the repository, or ARROW_TESTING_DATA). Where it is absent
these tests skip, saying so, as the Swift golden-file tests do.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def corpus_root() -> Path:
    configured = os.environ.get("ARROW_TESTING_DATA")
    return Path(configured) if configured else REPO_ROOT.parent / "shared" / "arrow-testing" / "data"


def corpus() -> list[Path]:
    files = []
    for folder in ("arrow-ipc-stream", "arrow-ipc-file"):
        directory = corpus_root() / folder
        if directory.is_dir():
            files += sorted(p for p in directory.iterdir() if p.is_file() and p.suffix != ".md")
    return files


CORPUS = corpus()


def test_corpus_is_present():
    if not CORPUS:
        pytest.skip(f"the arrow-testing fuzz corpus is not at {corpus_root()} (set ARROW_TESTING_DATA)")
    assert len(CORPUS) > 50


@pytest.mark.parametrize("path", CORPUS, ids=[f"{p.parent.name}/{p.name}" for p in CORPUS])
def test_fuzz_file_ends_in_result_or_error(cli, tmp_path, path):
    for args in (
        ("validate", path),
        ("validate", path, "--full"),
        ("cat", path, "--output", "jsonl"),
        ("inspect", path, "--json"),
        ("convert", path, tmp_path / "out.arrow"),
    ):
        proc = cli.run(*args)
        assert proc.returncode in (0, 1), f"arrow-ipc {' '.join(map(str, args))} exited {proc.returncode}"
        if proc.returncode == 1:
            assert proc.stderr.strip(), f"arrow-ipc {' '.join(map(str, args))} failed without a message"
