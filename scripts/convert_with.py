#!/usr/bin/env python3
"""Converts a CSV file to an Arrow IPC file the way a pyarrow or polars user does, for the
whole-process comparison with `arrow-ipc convert data.csv out.arrow` (README, Performance):

    convert_with.py pyarrow|polars INPUT.csv OUTPUT.arrow

pyarrow: `pyarrow.csv.read_csv` (multi-threaded, types inferred) then `ipc.new_file`; polars:
`pl.read_csv(...).write_ipc(...)` (uncompressed). Timed from outside, e.g.
`/usr/bin/time -v .venv/bin/python scripts/convert_with.py pyarrow bench-data/ingest/numeric.csv /tmp/out.arrow`.
"""

import sys


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("pyarrow", "polars"):
        sys.exit(__doc__)
    library, source, target = sys.argv[1:]
    if library == "pyarrow":
        import pyarrow.csv as csv
        import pyarrow.ipc as ipc

        table = csv.read_csv(source)
        with ipc.new_file(target, table.schema) as writer:
            writer.write_table(table)
    else:
        import polars as pl

        pl.read_csv(source).write_ipc(target, compression="uncompressed")


if __name__ == "__main__":
    main()
