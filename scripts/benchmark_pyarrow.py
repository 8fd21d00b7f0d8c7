#!/usr/bin/env python3
"""Runs the IPC benchmark side by side: the Swift `arrow-ipc-benchmark` executable and pyarrow,
on the same data in the same run, and prints the times and the ratios ours/pyarrow.

The data is made once (numpy, seeded) and written by pyarrow as an IPC file and an IPC stream
into bench-data/; both sides read those files, and both sides write the same batches (loaded
into heap memory first, untimed). `scripts/benchmark` builds the executable and calls this.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

# Bump when the generated data changes, so that old files are made again.
DATA_VERSION = 1
SEED = 20240601
SUM_COLUMN = "i64"

SIZES = {
    "full": {"numeric_rows": 20_000_000, "string_rows": 5_000_000, "batch_rows": 1_000_000},
    "quick": {"numeric_rows": 2_000_000, "string_rows": 500_000, "batch_rows": 250_000},
}

# (key, label); the keys are the Swift executable's workload names.
WORKLOADS = [
    ("write_file", "write file"),
    ("write_stream", "write stream"),
    ("read_file", "read file (mmap, all batches)"),
    ("read_stream", "read stream (mmap, all batches)"),
    ("read_file_sum", "read file + sum i64"),
    ("random_access", "open + batch(at: middle)"),
    ("batch_at", "batch(at: middle), file open"),
]


# ---------------------------------------------------------------------------------------------
# Data


def with_nulls(rng, values, fraction=0.1):
    return pa.array(values, mask=rng.random(len(values)) < fraction)


def numeric_table(rng, rows):
    return pa.table({
        "i64": with_nulls(rng, rng.integers(-10**12, 10**12, rows, dtype=np.int64)),
        "f64": with_nulls(rng, rng.standard_normal(rows)),
        "i32": with_nulls(rng, rng.integers(-2**31, 2**31 - 1, rows, dtype=np.int32)),
        "bool": with_nulls(rng, rng.random(rows) < 0.5),
    })


def string_table(rng, rows):
    """utf8 strings of 0 to 32 ASCII characters (10% null, empty) and an int64 column."""
    lengths = rng.integers(0, 33, rows)
    null = rng.random(rows) < 0.1
    lengths[null] = 0
    offsets = np.zeros(rows + 1, dtype=np.int32)
    np.cumsum(lengths, out=offsets[1:])
    alphabet = np.frombuffer(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-", np.uint8)
    chars = alphabet[rng.integers(0, len(alphabet), int(offsets[-1]))]
    validity = pa.array(~null).buffers()[1]
    strings = pa.StringArray.from_buffers(
        rows, pa.py_buffer(offsets), pa.py_buffer(chars), validity, int(null.sum()))
    return pa.table({
        "s": strings,
        "i64": with_nulls(rng, rng.integers(-10**12, 10**12, rows, dtype=np.int64)),
    })


def generate(directory, size):
    params = dict(SIZES[size], version=DATA_VERSION, seed=SEED)
    stamp = directory / "params.json"
    if stamp.exists() and json.loads(stamp.read_text()) == params and all(
            (directory / f"{name}.{ext}").exists() for name in ("numeric", "strings") for ext in ("arrow", "arrows")):
        return
    directory.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    rng = np.random.default_rng(SEED)
    tables = {
        "numeric": numeric_table(rng, params["numeric_rows"]),
        "strings": string_table(rng, params["string_rows"]),
    }
    for name, table in tables.items():
        print(f"  generating {directory / name}.arrow(s): {table.num_rows:,} rows", file=sys.stderr)
        batches = table.combine_chunks().to_batches(max_chunksize=params["batch_rows"])
        for ext, new in (("arrow", ipc.new_file), ("arrows", ipc.new_stream)):
            with pa.OSFile(str(directory / f"{name}.{ext}"), "wb") as sink, new(sink, table.schema) as writer:
                for batch in batches:
                    writer.write_batch(batch)
    stamp.write_text(json.dumps(params))


# ---------------------------------------------------------------------------------------------
# pyarrow's side of each workload


def measure(repeats, body, prepare=None):
    times = []
    for _ in range(repeats):
        if prepare:
            prepare()
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    return times


def buffer_bytes(arrays):
    """The total size of every buffer of `arrays`: the same touch as the Swift side's."""
    return sum(buf.size for array in arrays for buf in array.buffers() if buf is not None)


def table_buffer_bytes(table):
    return sum(buffer_bytes(column.chunks) for column in table.columns)


def remove(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class PyarrowTable:
    """pyarrow's side of each workload on one table, with the batches loaded into heap memory."""

    def __init__(self, directory, name, repeats, iterations):
        self.path = str(directory / f"{name}.arrow")
        self.stream_path = str(directory / f"{name}.arrows")
        self.file_output = str(directory / f"pyarrow-{name}.arrow")
        self.stream_output = str(directory / f"pyarrow-{name}.arrows")
        self.repeats, self.iterations = repeats, iterations
        with pa.OSFile(self.path, "rb") as source:
            table = ipc.open_file(source).read_all()
        self.schema, self.batches = table.schema, table.to_batches()
        self.middle = len(self.batches) // 2
        self.open_reader = ipc.open_file(pa.memory_map(self.path))  # for batch_at, opened untimed
        self.checks = {
            "rows": table.num_rows,
            "batches": len(self.batches),
            "sum_i64": pc.sum(table.column(SUM_COLUMN)).as_py() or 0,
        }

    def run(self, key):
        """The times of the runs of workload `key`, and how many operations each run did."""
        body = getattr(self, key)
        prepare = {"write_file": self.file_output, "write_stream": self.stream_output}.get(key)
        seconds = measure(self.repeats, body, prepare and (lambda: remove(prepare)))
        if prepare:
            remove(prepare)
        per_operation = key in ("random_access", "batch_at")
        return {"seconds": seconds, "operations": self.iterations if per_operation else 1}

    def same_as_source(self, path, open_reader):
        """Whether pyarrow reads the file at `path` (another writer's output) equal to the source."""
        with pa.memory_map(path) as source:
            return open_reader(source).read_all().equals(pa.Table.from_batches(self.batches, self.schema))

    def write(self, new, output):
        with pa.OSFile(output, "wb") as sink, new(sink, self.schema) as writer:
            for batch in self.batches:
                writer.write_batch(batch)

    def write_file(self):
        self.write(ipc.new_file, self.file_output)

    def write_stream(self):
        self.write(ipc.new_stream, self.stream_output)

    def read_file(self):
        with pa.memory_map(self.path) as source:
            self.checks["buffer_bytes"] = table_buffer_bytes(ipc.open_file(source).read_all())

    def read_stream(self):
        total = 0
        with pa.memory_map(self.stream_path) as source:
            for batch in ipc.open_stream(source):
                total += buffer_bytes(batch.columns)
        self.checks["buffer_bytes_stream"] = total

    def read_file_sum(self):
        with pa.memory_map(self.path) as source:
            self.checks["sum_i64_read"] = pc.sum(ipc.open_file(source).read_all().column(SUM_COLUMN)).as_py() or 0

    def random_access(self):
        total = 0
        for _ in range(self.iterations):
            with pa.memory_map(self.path) as source:
                total += buffer_bytes(ipc.open_file(source).get_batch(self.middle).columns)
        self.checks["buffer_bytes_middle"] = total // self.iterations

    def batch_at(self):
        total = 0
        for _ in range(self.iterations):
            total += buffer_bytes(self.open_reader.get_batch(self.middle).columns)
        self.checks["buffer_bytes_middle_open"] = total // self.iterations


# ---------------------------------------------------------------------------------------------
# The Swift side


def run_swift(binary, directory, name, key, repeats, iterations, validation):
    """Runs workload `key` on table `name` in the Swift executable: its result and its checks."""
    command = [binary, "--data", str(directory), "--tables", name, "--workloads", key,
               "--repeats", str(repeats), "--random-access-iterations", str(iterations),
               "--validation", validation]
    completed = subprocess.run(command, stdout=subprocess.PIPE, text=True)
    if completed.returncode != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed with exit code {completed.returncode}")
    result, checks = None, {}
    for line in completed.stdout.splitlines():
        record = json.loads(line)
        if "check" in record:
            checks[record["check"]] = record["value"]
        else:
            result = {"seconds": record["seconds"], "operations": record["operations"]}
    return result, checks


# ---------------------------------------------------------------------------------------------
# Report


def machine_info():
    model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        swift = "unknown"
    return [
        f"machine: {os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}",
        f"swift: {swift}",
        f"pyarrow {pa.__version__}, numpy {np.__version__}, Python {platform.python_version()}",
    ]


def fmt_time(seconds, operations):
    value, unit = (seconds / operations * 1e6, "µs") if operations > 1 else (seconds * 1e3, "ms")
    digits = 0 if value >= 100 else 1 if value >= 10 else 2 if value >= 1 else 3
    return f"{value:,.{digits}f} {unit}"


def print_table(rows):
    headers = ("table", "workload", "ours", "pyarrow", "ours/pyarrow", "ours write GB/s")
    cells = [headers] + rows
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    right = {2, 3, 4, 5}
    for index, row in enumerate(cells):
        print("  ".join(cell.rjust(widths[i]) if i in right else cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swift-binary", required=True, help="the release arrow-ipc-benchmark executable")
    parser.add_argument("--data", default="bench-data", help="the data folder (default bench-data)")
    parser.add_argument("--quick", action="store_true", help="small tables (2 M and 0.5 M rows)")
    parser.add_argument("--repeats", type=int, default=10,
                        help="runs per workload; the best counts (default 10: the machine may be shared)")
    parser.add_argument("--random-access-iterations", type=int, default=1000,
                        help="operations per timed run of open + batch(at:) (default 1000)")
    parser.add_argument("--tables", default="numeric,strings")
    parser.add_argument("--validation", choices=("none", "default", "full"), default="default",
                        help="our readers' validation level (default: the library's default)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    size = "quick" if args.quick else "full"
    directory = Path(args.data) / size
    repeats = args.repeats
    iterations = args.random_access_iterations
    generate(directory, size)
    load_before = os.getloadavg()

    rows, problems, sizes = [], [], []
    for name in args.tables.split(","):
        # Each workload runs in Swift and then in pyarrow, so that both see the same machine load.
        pyarrow = PyarrowTable(directory, name, repeats, iterations)
        swift_checks = {}
        file_size = os.path.getsize(directory / f"{name}.arrow")
        for key, label in WORKLOADS:
            print(f"  {name}: {key}", file=sys.stderr)
            ours, checks = run_swift(args.swift_binary, directory, name, key, repeats, iterations, args.validation)
            swift_checks.update(checks)
            if key in ("write_file", "write_stream"):
                output = directory / f"swift-{name}.{'arrow' if key == 'write_file' else 'arrows'}"
                opener = ipc.open_file if key == "write_file" else ipc.open_stream
                if not pyarrow.same_as_source(str(output), opener):
                    problems.append(f"{name}: pyarrow does not read {output.name} equal to the source")
                remove(output)
            theirs = pyarrow.run(key)
            best_ours, best_theirs = min(ours["seconds"]), min(theirs["seconds"])
            throughput = f"{file_size / best_ours / 1e9:.2f}" if key.startswith("write") else ""
            rows.append((name, label, fmt_time(best_ours, ours["operations"]),
                         fmt_time(best_theirs, theirs["operations"]),
                         f"{best_ours / best_theirs:.2f}", throughput))
        for key, value in swift_checks.items():
            if pyarrow.checks.get(key) != value:
                problems.append(f"{name}: {key} is {value} in Swift but {pyarrow.checks.get(key)} in pyarrow")
        sizes.append(f"{name} {pyarrow.checks['rows']:,} rows, {file_size / 1e6:,.0f} MB"
                     f" in {pyarrow.checks['batches']} batches")

    print()
    print(f"Arrow IPC benchmark ({size}): best of {repeats} runs; open + batch(at:) per operation,"
          f" {iterations} per run;"
          f" our readers validate at level '{args.validation}'.")
    print(f"data: {'; '.join(sizes)}")
    for line in machine_info():
        print(line)
    print(f"load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    print()
    print_table(rows)
    if problems:
        print("\nThe two sides did not read the same data:", *problems, sep="\n  ")
        sys.exit(1)
    print("\nchecks: row counts, batch counts, sums of i64 and buffer sizes agree on both sides;"
          " pyarrow reads our written file and stream equal to the source.")


if __name__ == "__main__":
    main()
