#!/usr/bin/env python3
"""Writes an Arrow IPC file as CSV or JSON lines the way a pyarrow or polars user does, for the
whole-process comparison with `arrow-ipc cat data.arrow --output csv|jsonl` (README, Performance):

    text_with.py pyarrow|polars csv|jsonl INPUT.arrow OUTPUT

pyarrow: the file memory-mapped and read whole (`ipc.open_file(...).read_all()`), then
`pyarrow.csv.write_csv` (pyarrow has no JSON writer: jsonl is refused); polars:
`pl.read_ipc(...)` then `write_csv` or `write_ndjson`. OUTPUT may be /dev/null.
Timed from outside, e.g.
`/usr/bin/time -v .venv/bin/python scripts/text_with.py pyarrow csv bench-data/full/numeric.arrow /dev/null`;
`text_with.py import pyarrow|polars` only imports the library, for the start-up cost to subtract.
"""

import sys


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "import" and sys.argv[2] in ("pyarrow", "polars"):
        if sys.argv[2] == "pyarrow":
            import pyarrow.csv  # noqa: F401
            import pyarrow.ipc  # noqa: F401
        else:
            import polars  # noqa: F401
        return
    if len(sys.argv) != 5 or sys.argv[1] not in ("pyarrow", "polars") or sys.argv[2] not in ("csv", "jsonl"):
        sys.exit(__doc__)
    library, form, source, target = sys.argv[1:]
    if library == "pyarrow":
        if form != "csv":
            sys.exit("pyarrow has no JSON lines writer")
        import pyarrow as pa
        import pyarrow.csv as csv
        import pyarrow.ipc as ipc

        with pa.memory_map(source) as mapped:
            table = ipc.open_file(mapped).read_all()
            csv.write_csv(table, target)
    else:
        import polars as pl

        frame = pl.read_ipc(source)
        if form == "csv":
            frame.write_csv(target)
        else:
            frame.write_ndjson(target)


if __name__ == "__main__":
    main()
