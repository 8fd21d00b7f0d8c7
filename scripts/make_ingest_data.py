#!/usr/bin/env python3
"""Writes the CSV inputs of the ingest measurements (issue 13, section 5): the benchmark's
numeric and strings tables (the same columns as scripts/benchmark_pyarrow.py makes, 10% nulls)
written as CSV by pyarrow, each about --megabytes in size.

    make_ingest_data.py DIRECTORY [--megabytes 1024] [--seed 13]

writes DIRECTORY/numeric.csv (i64, f64, i32, bool) and DIRECTORY/strings.csv (s, i64), chunk by
chunk, so that memory stays small whatever the size.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

# The benchmark's own generators (scripts/benchmark_pyarrow.py, beside this file), chunk by chunk.
from benchmark_pyarrow import numeric_table, string_table  # noqa: E402

CHUNK_ROWS = 1_000_000


def write(path: Path, make_chunk, target_bytes: int, rng) -> None:
    with pa.OSFile(str(path), "wb") as sink:
        writer = None
        while sink.tell() < target_bytes:
            chunk = make_chunk(rng, CHUNK_ROWS)
            if writer is None:
                writer = pacsv.CSVWriter(sink, chunk.schema)
            writer.write_table(chunk)
        if writer is not None:
            writer.close()
    print(f"{path}: {path.stat().st_size / 2**20:.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("--megabytes", type=int, default=1024, help="the size of each file, in MiB (default 1024)")
    parser.add_argument("--seed", type=int, default=13)
    arguments = parser.parse_args()
    arguments.directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(arguments.seed)
    target = arguments.megabytes << 20
    write(arguments.directory / "numeric.csv", numeric_table, target, rng)
    write(arguments.directory / "strings.csv", string_table, target, rng)


if __name__ == "__main__":
    main()
