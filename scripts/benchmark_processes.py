#!/usr/bin/env python3
"""Times whole-process jobs: our release binaries against the same job in a pyarrow script
(`scripts/pyarrow_jobs.py`), run in turn (ours, theirs, theirs' start alone, ours, …) on the
same data, with the median of pyarrow's (or polars') interpreter start and imports, timed in
turn with that job's runs, subtracted from its times, and the peak memory of each process.

    scripts/benchmark_processes.py [--runs N] [--jobs trades,convert_zstd,...]

Run it through `scripts/benchmark --processes` (which builds the binaries and prepares the
virtual environment), or directly with --arrow-ipc and --benchmark-binary. The jobs read the
benchmark tables in bench-data/full (generated as `scripts/benchmark` does, when missing) and
the trades file bench-data/jobs/trades.arrow (made here, once). Each figure is the median of the
runs; the spread (min–max) is printed beside it.
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
JOBS_SCRIPT = str(ROOT / "scripts" / "pyarrow_jobs.py")
TEXT_SCRIPT = str(ROOT / "scripts" / "text_with.py")
TRADES_ROWS = 1_000_000

# (name, description, our command, the yardstick's command, the yardstick): {data} is the
# tables' folder, {jobs} the trades file's, {out} a scratch folder, {arrow_ipc} and {benchmark}
# our binaries, {script} and {text_with} the other libraries' sides (scripts/pyarrow_jobs.py,
# scripts/text_with.py). The yardstick is pyarrow or polars (whose interpreter start and import
# are subtracted), cp, or "our csv" (the table output against our CSV). The text jobs print to
# /dev/null (ours through standard output).
JOBS = [
    ("trades", "1 M trades: VWAP per symbol, rows above it, ZSTD stream",
     "{benchmark} trades {jobs}/trades.arrow {out}/trades.arrows",
     "{python} {script} trades {jobs}/trades.arrow {out}/trades.arrows", "pyarrow"),
    ("convert", "numeric file -> stream (messages copied as bytes)",
     "{arrow_ipc} convert {data}/numeric.arrow {out}/plain.arrows --no-sync",
     "{python} {script} convert {data}/numeric.arrow {out}/plain.arrows none", "pyarrow"),
    ("convert_cp", "numeric file -> stream (messages copied as bytes), against cp of the file",
     "{arrow_ipc} convert {data}/numeric.arrow {out}/plain.arrows --no-sync",
     "cp {data}/numeric.arrow {out}/copy.arrow", "cp"),
    ("convert_zstd", "numeric ZSTD file -> plain stream",
     "{arrow_ipc} convert {data}/numeric-zstd.arrow {out}/plain.arrows --no-sync",
     "{python} {script} convert {data}/numeric-zstd.arrow {out}/plain.arrows none", "pyarrow"),
    ("convert_lz4", "numeric LZ4 file -> plain stream",
     "{arrow_ipc} convert {data}/numeric-lz4.arrow {out}/plain.arrows --no-sync",
     "{python} {script} convert {data}/numeric-lz4.arrow {out}/plain.arrows none", "pyarrow"),
    ("compress_zstd", "numeric file -> ZSTD stream (level 1)",
     "{arrow_ipc} convert {data}/numeric.arrow {out}/zstd.arrows --compression zstd --no-sync",
     "{python} {script} convert {data}/numeric.arrow {out}/zstd.arrows zstd", "pyarrow"),
    ("compress_lz4", "numeric file -> LZ4 stream",
     "{arrow_ipc} convert {data}/numeric.arrow {out}/lz4.arrows --compression lz4 --no-sync",
     "{python} {script} convert {data}/numeric.arrow {out}/lz4.arrows lz4", "pyarrow"),
    ("cat_csv_numeric", "numeric file -> CSV (cat --output csv; write_csv)",
     "{arrow_ipc} cat {data}/numeric.arrow --output csv",
     "{python} {text_with} pyarrow csv {data}/numeric.arrow /dev/null", "pyarrow"),
    ("cat_csv_strings", "strings file -> CSV (cat --output csv; write_csv)",
     "{arrow_ipc} cat {data}/strings.arrow --output csv",
     "{python} {text_with} pyarrow csv {data}/strings.arrow /dev/null", "pyarrow"),
    ("cat_csv_numeric_polars", "numeric file -> CSV (cat --output csv; polars write_csv)",
     "{arrow_ipc} cat {data}/numeric.arrow --output csv",
     "{python} {text_with} polars csv {data}/numeric.arrow /dev/null", "polars"),
    ("cat_csv_strings_polars", "strings file -> CSV (cat --output csv; polars write_csv)",
     "{arrow_ipc} cat {data}/strings.arrow --output csv",
     "{python} {text_with} polars csv {data}/strings.arrow /dev/null", "polars"),
    ("cat_jsonl_numeric", "numeric file -> JSON Lines (cat --output jsonl; polars write_ndjson)",
     "{arrow_ipc} cat {data}/numeric.arrow --output jsonl",
     "{python} {text_with} polars jsonl {data}/numeric.arrow /dev/null", "polars"),
    ("cat_jsonl_strings", "strings file -> JSON Lines (cat --output jsonl; polars write_ndjson)",
     "{arrow_ipc} cat {data}/strings.arrow --output jsonl",
     "{python} {text_with} polars jsonl {data}/strings.arrow /dev/null", "polars"),
    ("cat_table_numeric", "numeric file -> aligned table (cat), against our CSV of it",
     "{arrow_ipc} cat {data}/numeric.arrow",
     "{arrow_ipc} cat {data}/numeric.arrow --output csv", "our csv"),
    ("cat_table_strings", "strings file -> aligned table (cat), against our CSV of it",
     "{arrow_ipc} cat {data}/strings.arrow",
     "{arrow_ipc} cat {data}/strings.arrow --output csv", "our csv"),
]
# What each yardstick's start costs: timed alone and subtracted from its times.
STARTS = {"pyarrow": "import pyarrow, pyarrow.compute, pyarrow.ipc, pyarrow.csv", "polars": "import polars"}


def run_once(command, scratch=None):
    """Wall seconds and peak resident memory (MB) of one run of `command` (a list); the files
    in `scratch` are removed first, untimed."""
    if scratch:
        for leftover in Path(scratch).iterdir():
            leftover.unlink()
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark_processes: {' '.join(command)} failed:\n{error}")
    return seconds, usage.ru_maxrss / 1024


def describe(values):
    return f"{statistics.median(values):.3f} s ({min(values):.3f}–{max(values):.3f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--arrow-ipc", required=True, help="our release arrow-ipc binary")
    parser.add_argument("--benchmark-binary", required=True, help="our release arrow-ipc-benchmark binary")
    parser.add_argument("--data", default=str(ROOT / "bench-data"), help="the benchmark data folder (default bench-data)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (default 5)")
    parser.add_argument("--jobs", default=",".join(name for name, *_ in JOBS), help="comma-separated job names")
    arguments = parser.parse_args()

    chosen = arguments.jobs.split(",")
    unknown = sorted(set(chosen) - {name for name, *_ in JOBS})
    if unknown:
        sys.exit(f"benchmark_processes: unknown jobs {', '.join(unknown)}; known: {', '.join(name for name, *_ in JOBS)}")
    tables = Path(arguments.data) / "full"
    # Generated in a child: a child's peak memory (wait4's ru_maxrss) starts at the size of the
    # process that spawned it, so this one must stay small.
    subprocess.run([PYTHON, "-c", f"import sys; sys.path.insert(0, {str(ROOT / 'scripts')!r}); "
                    f"from benchmark_pyarrow import generate; from pathlib import Path; "
                    f"generate(Path({str(tables)!r}), 'full', ('lz4', 'zstd'))"], check=True)
    jobs_dir = Path(arguments.data) / "jobs"
    trades = jobs_dir / "trades.arrow"
    if "trades" in chosen and not trades.exists():
        jobs_dir.mkdir(parents=True, exist_ok=True)
        print(f"benchmark_processes: writing {trades} ({TRADES_ROWS:,} rows)", file=sys.stderr)
        subprocess.run([PYTHON, JOBS_SCRIPT, "make-trades", str(trades), str(TRADES_ROWS)], check=True)

    # Data just written is still being written back to disk; that would slow whichever job runs then.
    os.sync()
    header = ("job", "ours", "yardstick (start subtracted)", "ours / yardstick", "peak memory: ours, yardstick")
    rows = []
    # Outputs go to memory (/dev/shm) where there is one: written to a disk's file system, the
    # kernel's write-back of hundreds of MB of dirty pages lands on whichever process hits the
    # limit, and times varied fourfold from run to run on the 2-core machine. Each run starts
    # with the scratch folder empty: a job that writes a new file and renames it over the old
    # one needs twice the memory of one that truncates the old file and writes into its pages.
    shm = Path("/dev/shm")
    scratch_parent = str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="arrow-ipc-processes-", dir=scratch_parent) as scratch:
        fields = dict(data=str(tables), jobs=str(jobs_dir), out=scratch, arrow_ipc=arguments.arrow_ipc,
                      benchmark=arguments.benchmark_binary, python=PYTHON, script=JOBS_SCRIPT,
                      text_with=TEXT_SCRIPT)
        for name, description, ours_command, theirs_command, yardstick in JOBS:
            if name not in chosen:
                continue
            print(f"  {name}: {description}", file=sys.stderr)
            ours_words = ours_command.format(**fields).split()
            theirs_words = theirs_command.format(**fields).split()
            # The yardstick's start is timed in turn with the job's own runs, so that a slow
            # spell of the machine lands on both: timed once beforehand, it was subtracted from
            # runs minutes later, and a short job's ratio swung with it (0.13–0.59 s for
            # pyarrow's side of the trades job in one run).
            start_words = [PYTHON, "-c", STARTS[yardstick]] if yardstick in STARTS else None
            ours, theirs, starts, ours_memory, theirs_memory = [], [], [], [], []
            run_once(ours_words, scratch)
            run_once(theirs_words, scratch)
            for _ in range(arguments.runs):
                seconds, memory = run_once(ours_words, scratch)
                ours.append(seconds)
                ours_memory.append(memory)
                seconds, memory = run_once(theirs_words, scratch)
                theirs.append(seconds)
                theirs_memory.append(memory)
                if start_words:
                    starts.append(run_once(start_words)[0])
            start_cost = statistics.median(starts) if starts else 0.0
            theirs = [seconds - start_cost for seconds in theirs]
            if starts:
                print(f"    {yardstick}'s interpreter start and import: {describe(starts)}, subtracted", file=sys.stderr)
            ratios = [mine / their for mine, their in zip(ours, theirs) if their > 0]
            rows.append((description, describe(ours), f"{describe(theirs)} {yardstick}",
                         f"{statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})",
                         f"{statistics.median(ours_memory):.0f} MB, {statistics.median(theirs_memory):.0f} MB"))
    widths = [max(len(str(row[column])) for row in [header, *rows]) for column in range(len(header))]
    for row in [header, tuple("-" * width for width in widths), *rows]:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)))
    print(f"\nMedians of {arguments.runs} runs in turn (min–max); the ratio is the median of the run-by-run ratios;"
          " the yardstick's start, timed in turn with each job, is subtracted from its times.")


if __name__ == "__main__":
    main()
