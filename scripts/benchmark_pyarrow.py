#!/usr/bin/env python3
"""Runs the IPC benchmark side by side: the Swift `arrow-ipc-benchmark` executable and pyarrow,
on the same data in the same run, and prints the times and the ratios ours/pyarrow.

The data is made once (numpy, seeded) and written by pyarrow as an IPC file, an IPC stream and
an IPC file compressed with each codec into bench-data/; both sides read those files, and both
sides write the same batches (loaded into heap memory first, untimed). The codecs alone are
timed on the same buffers, single-threaded: the system libraries our package binds (through
ctypes) and pyarrow's bundled ones (`pa.Codec`). `scripts/benchmark` builds the executable and
calls this.

The workloads (names, descriptions, groups, tables, parameters) are the ones the executable
lists (`arrow-ipc-benchmark list`); pyarrow's side of each is here, in PYARROW_WORKLOADS, by name.
"""

import argparse
import ctypes
import ctypes.util
import filecmp
import json
import os
import platform
import struct
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.ipc as ipc

# Bump when the generated data changes, so that old files are made again.
DATA_VERSION = 2
SEED = 20240601
SUM_COLUMN = "i64"

SIZES = {
    "full": {"numeric_rows": 20_000_000, "string_rows": 5_000_000, "batch_rows": 1_000_000},
    "quick": {"numeric_rows": 2_000_000, "string_rows": 500_000, "batch_rows": 250_000},
}

# The kernel workloads' indices and masks (written once beside the tables, same on both sides).
SELECTIONS_VERSION = 1

# The groups of workloads whose results main() prints, each in a table of its own.
REPORTED_GROUPS = ("plain", "kernels", "cast", "values", "build", "compressed")


class Workloads:
    """The workloads the Swift executable lists (`arrow-ipc-benchmark list`, one JSON object per
    line: name, description, group, tables, writes, per_operation, and where they apply codec,
    parallel, percent and count), in the order they run, and the parameters the data needs."""

    def __init__(self, binary):
        command = [binary, "list"]
        completed = subprocess.run(command, stdout=subprocess.PIPE, text=True)
        if completed.returncode != 0:
            sys.exit(f"benchmark: {' '.join(command)} failed with exit code {completed.returncode}")
        self.every = [json.loads(line) for line in completed.stdout.splitlines()]
        names = [workload["name"] for workload in self.every]
        unimplemented = [name for name in names if name not in PYARROW_WORKLOADS]
        if unimplemented:
            sys.exit(f"benchmark: {binary} lists workloads that have no pyarrow side in PYARROW_WORKLOADS"
                     f" ({Path(__file__).name}): {', '.join(unimplemented)}")
        unlisted = [name for name in PYARROW_WORKLOADS if name not in names]
        if unlisted:
            sys.exit(f"benchmark: PYARROW_WORKLOADS ({Path(__file__).name}) has workloads that {binary} does not"
                     f" list: {', '.join(unlisted)}")
        unreported = sorted({workload["group"] for workload in self.every} - set(REPORTED_GROUPS))
        if unreported:
            sys.exit(f"benchmark: {binary} lists workloads of groups that {Path(__file__).name} does not report:"
                     f" {', '.join(unreported)}")
        # The codecs of the compressed workloads, by the names both sides use; every compressed
        # file is at the default level (1).
        self.codecs = list(dict.fromkeys(workload["codec"] for workload in self.every if "codec" in workload))
        # The groups and the codecs, which --workloads can name.
        self.groups = {}
        for workload in self.every:
            for group in (workload["group"], workload.get("codec")):
                if group:
                    self.groups.setdefault(group, []).append(workload["name"])
        # How many random row indices `take` gathers, and the percentages of rows the random masks
        # of `filter_PERCENT` keep.
        self.take_indices = next(workload["count"] for workload in self.every if workload["name"] == "take")
        self.filter_percents = [workload["percent"] for workload in self.every if "percent" in workload]

    def selected(self, spec):
        """The workloads that `--workloads` names (names, groups or codecs), in the order they run."""
        names = set()
        for word in spec.split(","):
            if word == "all":
                names.update(workload["name"] for workload in self.every)
            elif word in self.groups:
                names.update(self.groups[word])
            elif any(word == workload["name"] for workload in self.every):
                names.add(word)
            else:
                sys.exit(f"benchmark: unknown workload '{word}'; use all, {', '.join(self.groups)} or a workload's"
                         f" name: {', '.join(workload['name'] for workload in self.every)}")
        return [workload for workload in self.every if workload["name"] in names]


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


def generate(directory, size, codecs):
    params = dict(SIZES[size], version=DATA_VERSION, seed=SEED)
    stamp = directory / "params.json"
    outputs = [f"{name}{suffix}" for name in ("numeric", "strings")
               for suffix in (".arrow", ".arrows", *(f"-{codec}.arrow" for codec in codecs))]
    if stamp.exists() and json.loads(stamp.read_text()) == params and all((directory / output).exists()
                                                                          for output in outputs):
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
        writes = [(".arrow", ipc.new_file, None), (".arrows", ipc.new_stream, None)]
        writes += [(f"-{codec}.arrow", ipc.new_file, ipc.IpcWriteOptions(compression=codec)) for codec in codecs]
        for suffix, new, options in writes:
            with pa.OSFile(str(directory / f"{name}{suffix}"), "wb") as sink, \
                    new(sink, table.schema, options=options) as writer:
                for batch in batches:
                    writer.write_batch(batch)
    stamp.write_text(json.dumps(params))


def generate_selections(directory, size, take_indices, filter_percents):
    """The indices and masks of the kernel workloads, for each table: `NAME-take.arrow` (an
    int64 column `indices`) and `NAME-masks.arrow` (bool columns `mask_PERCENT`), one batch
    each, made once (numpy, seeded) so that both sides select the same rows."""
    params = dict(SIZES[size], seed=SEED, version=SELECTIONS_VERSION, take=take_indices, filters=filter_percents)
    stamp = directory / "selections.json"
    names = {"numeric": params["numeric_rows"], "strings": params["string_rows"]}
    outputs = [directory / f"{name}-{kind}.arrow" for name in names for kind in ("take", "masks")]
    if stamp.exists() and json.loads(stamp.read_text()) == json.loads(json.dumps(params)) \
            and all(path.exists() for path in outputs):
        return
    stamp.unlink(missing_ok=True)
    rng = np.random.default_rng(SEED + 1)
    for name, rows in names.items():
        tables = {
            "take": pa.table({"indices": rng.integers(0, rows, take_indices, dtype=np.int64)}),
            "masks": pa.table({f"mask_{percent}": rng.random(rows) < percent / 100 for percent in filter_percents}),
        }
        for kind, table in tables.items():
            print(f"  generating {directory / name}-{kind}.arrow", file=sys.stderr)
            with pa.OSFile(str(directory / f"{name}-{kind}.arrow"), "wb") as sink, \
                    ipc.new_file(sink, table.schema) as writer:
                writer.write_table(table, max_chunksize=max(rows, take_indices))
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


def first_rows(batch_count, batch, count):
    """The first `count` rows (or all) of the `batch_count` batches `batch` gives by index, as
    dicts of Python values."""
    rows = []
    for index in range(batch_count):
        if len(rows) >= count:
            break
        rows += batch(index).slice(0, count - len(rows)).to_pylist()
    return rows


def row_value_checks(key, rows):
    """The numbers the Swift side reports from the same rows (see RowValues.swift): the rows, the
    nulls, the sums of the i64 column and of every integer (wrapping as int64), the trues, the sum
    of the doubles' bit patterns (wrapping) and the strings' UTF-8 bytes."""
    nulls = sum_i64 = integers = trues = double_bits = string_bytes = 0
    for row in rows:
        for name, value in row.items():
            if value is None:
                nulls += 1
            elif isinstance(value, bool):
                trues += value
            elif isinstance(value, int):
                integers += value
                sum_i64 += value if name == SUM_COLUMN else 0
            elif isinstance(value, float):
                double_bits += struct.unpack("<q", struct.pack("<d", value))[0]
            elif isinstance(value, str):
                string_bytes += len(value.encode())
            else:
                raise TypeError(f"column {name!r} holds {value!r}, which the row-value checks do not add up")
    wrap = lambda number: (number + 2**63) % 2**64 - 2**63  # noqa: E731
    checks = {"rows": len(rows), "nulls": nulls, "sum_i64": wrap(sum_i64), "integers": wrap(integers),
              "trues": trues, "double_bits": wrap(double_bits), "string_bytes": string_bytes}
    return {f"{key}_{name}": value for name, value in checks.items()}


def remove(path):
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


class PyarrowTable:
    """pyarrow's side of each workload on one table, with the batches loaded into heap memory."""

    def __init__(self, directory, name, repeats, iterations, codecs):
        self.directory, self.name = directory, name
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
        self.table = table
        self.indices = self.selection("take").column("indices")
        self.masks = self.selection("masks")
        for codec in codecs:
            # What the Swift side must find in pyarrow's compressed file.
            self.checks[f"rows_{codec}"] = self.checks["rows"]
            self.checks[f"sum_i64_{codec}"] = self.checks["sum_i64"]

    def selection(self, kind):
        """The indices or masks the kernel workloads use on this table, as one-chunk columns."""
        with pa.OSFile(str(self.directory / f"{self.name}-{kind}.arrow"), "rb") as source:
            return ipc.open_file(source).read_all().combine_chunks()

    def kernel_checks(self, key, result):
        self.checks[f"{key}_rows"] = result.num_rows
        self.checks[f"{key}_sum_i64"] = pc.sum(result.column(SUM_COLUMN)).as_py() or 0

    def take(self):
        self.kernel_checks("take", pc.take(self.table, self.indices))

    def filter(self, percent):
        self.kernel_checks(f"filter_{percent}", pc.filter(self.table, self.masks.column(f"mask_{percent}")))

    def run_filter(self, workload):
        return self.timed(workload, lambda: self.filter(workload["percent"]))

    def compressed_path(self, codec):
        """pyarrow's file compressed with `codec`, which both sides read."""
        return str(self.directory / f"{self.name}-{codec}.arrow")

    def columns(self):
        """Each column of the table, one array per batch."""
        return {name: [batch.column(name) for batch in self.batches] for name in self.schema.names}

    def cast_check(self, key, results):
        """The number the Swift side reports for the cast `key` (see CastWorkloads.swift)."""
        if key == "cast_f64_string":
            return sum(pc.sum(pc.binary_length(r)).as_py() or 0 for r in results)
        values = [pc.cast(r, pa.int64()) for r in results]
        total = sum(pc.sum(v).as_py() or 0 for v in values)
        return (total + 2**63) % 2**64 - 2**63

    def run_cast(self, workload, cast_inputs):
        """Casts the arrays `cast_inputs(columns)` gives (made untimed, as the Swift side makes
        them) to the type it gives, strictly."""
        key = workload["name"]
        inputs, target = cast_inputs(self.columns())
        results = []

        def body():
            results[:] = [pc.cast(column, target, safe=True) for column in inputs]

        seconds = measure(self.repeats, body)
        self.checks[key] = self.cast_check(key, results)
        return {"seconds": seconds, "operations": 1}

    def run_row_values(self, workload, opening):
        """Reads the first `count` rows with to_pylist, `iterations` times per run: after opening
        the file (`opening`), or from the batches holding them decoded beforehand from the file
        opened mapped; the checks come from the last rows, untimed."""
        key, count = workload["name"], workload["count"]
        rows, decoded = [], []
        while not opening and sum(batch.num_rows for batch in decoded) < count \
                and len(decoded) < self.open_reader.num_record_batches:
            decoded.append(self.open_reader.get_batch(len(decoded)))

        def body():
            for _ in range(self.iterations):
                if opening:
                    with pa.memory_map(self.path) as source:
                        reader = ipc.open_file(source)
                        rows[:] = first_rows(reader.num_record_batches, reader.get_batch, count)
                else:
                    rows[:] = first_rows(len(decoded), decoded.__getitem__, count)

        seconds = measure(self.repeats, body)
        self.checks.update(row_value_checks(key, rows))
        return {"seconds": seconds, "operations": self.iterations}

    def run_build(self, workload):
        """pyarrow's side of a build workload: the values taken out untimed (to_pylist), then
        pa.array, Table.from_pylist or to_pylist timed; the checks as the Swift side reports them."""
        key = workload["name"]
        first = self.table.slice(0, workload["count"])
        result = []
        if key == "build_i64" or key == "build_string":
            column = "i64" if key == "build_i64" else "s"
            values = first.column(column).to_pylist()
            target = pa.int64() if key == "build_i64" else pa.string()
            body = lambda: result.__setitem__(slice(None), [pa.array(values, target)])  # noqa: E731
        elif key in ("build_records", "build_batch", "codable_encode"):
            records = first.to_pylist()
            body = lambda: result.__setitem__(slice(None), [pa.Table.from_pylist(records)])  # noqa: E731
        else:
            body = lambda: result.__setitem__(slice(None), [first.to_pylist()])  # noqa: E731
        seconds = measure(self.repeats, body)
        built = result[0]
        wrap = lambda number: (number + 2**63) % 2**64 - 2**63  # noqa: E731
        if key == "build_i64":
            checks = {"rows": len(built), "nulls": built.null_count, "sum": wrap(pc.sum(built).as_py() or 0)}
        elif key == "build_string":
            checks = {"rows": len(built), "nulls": built.null_count,
                      "bytes": pc.sum(pc.binary_length(built)).as_py() or 0}
        elif key == "codable_decode":
            valid = [row["i64"] for row in built if row["i64"] is not None]
            checks = {"rows": len(built), "i64_nulls": len(built) - len(valid), "sum_i64": wrap(sum(valid))}
        else:
            column = built.column("i64")
            checks = {"rows": built.num_rows, "i64_nulls": column.null_count,
                      "sum_i64": wrap(pc.sum(column).as_py() or 0)}
        self.checks.update({f"{key}_{name}": value for name, value in checks.items()})
        return {"seconds": seconds, "operations": 1}

    def run(self, workload):
        """The times of the runs of `workload` (a line of the Swift executable's list), and how
        many operations each run did."""
        return PYARROW_WORKLOADS[workload["name"]](self, workload)

    def timed(self, workload, body, output=None):
        """The times of `repeats` runs of `body`; `output`, the file it writes, is removed before
        each run and after the last."""
        seconds = measure(self.repeats, body, output and (lambda: remove(output)))
        if output:
            remove(output)
        return {"seconds": seconds, "operations": self.iterations if workload["per_operation"] else 1}

    def run_write_compressed(self, workload):
        output = str(self.directory / f"pyarrow-{self.name}-{workload['codec']}.arrow")
        return self.timed(workload, lambda: self.write_compressed(output, workload["codec"], workload["parallel"]),
                          output)

    def run_read_compressed(self, workload):
        return self.timed(workload, lambda: self.read_compressed(workload["codec"], workload["parallel"]))

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

    def write_compressed(self, output, codec, use_threads):
        options = ipc.IpcWriteOptions(compression=codec, use_threads=use_threads)
        with pa.OSFile(output, "wb") as sink, ipc.new_file(sink, self.schema, options=options) as writer:
            for batch in self.batches:
                writer.write_batch(batch)

    def read_compressed(self, codec, use_threads):
        options = ipc.IpcReadOptions(use_threads=use_threads)
        with pa.memory_map(self.compressed_path(codec)) as source:
            table = ipc.open_file(source, options=options).read_all()
            self.checks[f"buffer_bytes_{codec}"] = table_buffer_bytes(table)

    def body_buffers(self):
        """Every non-empty buffer of every column of every batch: what the writers compress."""
        return [buf for batch in self.batches for column in batch.columns
                for buf in column.buffers() if buf is not None and buf.size > 0]

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

    def read_pipe(self):
        """The stream as `cat` sends it through a pipe, read with open_stream as it comes."""
        total = 0
        with subprocess.Popen(["cat", str(self.stream_path)], stdout=subprocess.PIPE) as process:
            for batch in ipc.open_stream(process.stdout):
                total += buffer_bytes(batch.columns)
        self.checks["buffer_bytes_pipe"] = total

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


def cast(cast_inputs):
    """A cast workload: `cast_inputs(columns)` gives the arrays cast and the type they are cast to."""
    return lambda table, workload: table.run_cast(workload, cast_inputs)


def timed(method, output=None):
    """A workload whose runs each call PyarrowTable `method`; `output` gives the file it writes."""
    return lambda table, workload: table.timed(workload, lambda: method(table), output and output(table))


# pyarrow's side of every workload the Swift executable lists, by name: a function of the
# PyarrowTable and the workload (its line of the list) giving the times of the runs and how many
# operations each did. A name missing here, or here and not in the list, is an error.
PYARROW_WORKLOADS = {
    "write_file": timed(PyarrowTable.write_file, lambda table: table.file_output),
    "write_stream": timed(PyarrowTable.write_stream, lambda table: table.stream_output),
    "read_file": timed(PyarrowTable.read_file),
    "read_stream": timed(PyarrowTable.read_stream),
    "read_pipe": timed(PyarrowTable.read_pipe),
    # pyarrow has no async reader: the same read stands beside ours.
    "read_pipe_async": timed(PyarrowTable.read_pipe),
    "read_file_sum": timed(PyarrowTable.read_file_sum),
    "random_access": timed(PyarrowTable.random_access),
    "batch_at": timed(PyarrowTable.batch_at),
    # Ours with `parallel` true or false, pyarrow with `use_threads` the same.
    "write_file_lz4": PyarrowTable.run_write_compressed,
    "write_file_lz4_1thread": PyarrowTable.run_write_compressed,
    "read_file_lz4": PyarrowTable.run_read_compressed,
    "read_file_lz4_1thread": PyarrowTable.run_read_compressed,
    "write_file_zstd": PyarrowTable.run_write_compressed,
    "write_file_zstd_1thread": PyarrowTable.run_write_compressed,
    "read_file_zstd": PyarrowTable.run_read_compressed,
    "read_file_zstd_1thread": PyarrowTable.run_read_compressed,
    # The kernels on the batches in memory: ours on a Table, pyarrow's pc.take / pc.filter on a pa.Table.
    "take": timed(PyarrowTable.take),
    "filter_50": PyarrowTable.run_filter,
    "filter_1": PyarrowTable.run_filter,
    # The values, per operation: ours RecordBatch.slice(…).rows() (ArrowRecords of ArrowValues), pyarrow
    # RecordBatch.slice(…).to_pylist() (dicts of Python objects); after opening the file and decoding the
    # batches, or from the batches decoded beforehand (the file open, mapped).
    "row_values": lambda table, workload: table.run_row_values(workload, opening=True),
    "row_values_batch": lambda table, workload: table.run_row_values(workload, opening=False),
    # The casts: `pyarrow.compute.cast` with safe=True against the library's strict `cast(to:)`, on
    # one column of every batch in memory, made as the Swift side makes it (CastWorkloads.swift).
    "cast_i64_f64": cast(lambda columns: (columns["i64"], pa.float64())),
    "cast_i64_i32": cast(lambda columns: ([pc.cast(c, pa.int64()) for c in columns["i32"]], pa.int32())),
    "cast_f64_string": cast(lambda columns: (columns["f64"], pa.string())),
    "cast_string_i64": cast(lambda columns: ([pc.cast(c, pa.string()) for c in columns["i64"]], pa.int64())),
    "cast_string_timestamp": cast(lambda columns: (
        [pc.cast(pc.cast(c, pa.timestamp("ms")), pa.string()) for c in columns["i64"]], pa.timestamp("ms"))),
    # Arrow from values and values from Arrow; the values come from the first rows of the table,
    # taken out untimed (see BuildWorkloads.swift).
    "build_i64": PyarrowTable.run_build,
    "build_string": PyarrowTable.run_build,
    "build_records": PyarrowTable.run_build,
    "build_batch": PyarrowTable.run_build,
    "codable_encode": PyarrowTable.run_build,
    "codable_decode": PyarrowTable.run_build,
}


# ---------------------------------------------------------------------------------------------
# The codecs alone


class SystemCodec:
    """The codec of the system library our package binds at run time (liblz4.so.1 or
    libzstd.so.1), called through ctypes with the same settings: one LZ4 frame (64 KiB linked
    blocks, no checksum) or one ZSTD frame per buffer, at level 1, with contexts reused."""

    def __init__(self, codec):
        size_t, pointer = ctypes.c_size_t, ctypes.c_void_p
        name = {"lz4": ("liblz4.so.1", "lz4"), "zstd": ("libzstd.so.1", "zstd")}[codec]
        try:
            lib = ctypes.CDLL(name[0])
        except OSError:
            lib = ctypes.CDLL(ctypes.util.find_library(name[1]) or name[0])
        self.codec, self.lib = codec, lib
        if codec == "lz4":
            # LZ4F_preferences_t: 56 bytes, all defaults but compressionLevel (at byte 32).
            self.preferences = ctypes.create_string_buffer(56)
            ctypes.c_int.from_buffer(self.preferences, 32).value = 1
            lib.LZ4F_compressFrameBound.restype = size_t
            lib.LZ4F_compressFrameBound.argtypes = [size_t, pointer]
            lib.LZ4F_compressFrame.restype = size_t
            lib.LZ4F_compressFrame.argtypes = [pointer, size_t, pointer, size_t, pointer]
            lib.LZ4F_isError.argtypes = [size_t]
            lib.LZ4F_createDecompressionContext.argtypes = [ctypes.POINTER(pointer), ctypes.c_uint]
            lib.LZ4F_decompress.restype = size_t
            lib.LZ4F_decompress.argtypes = [pointer, pointer, ctypes.POINTER(size_t), pointer,
                                            ctypes.POINTER(size_t), pointer]
            self.dctx = pointer()
            lib.LZ4F_createDecompressionContext(ctypes.byref(self.dctx), 100)
        else:
            lib.ZSTD_compressBound.restype = size_t
            lib.ZSTD_compressBound.argtypes = [size_t]
            lib.ZSTD_createCCtx.restype = pointer
            lib.ZSTD_createDCtx.restype = pointer
            lib.ZSTD_compressCCtx.restype = size_t
            lib.ZSTD_compressCCtx.argtypes = [pointer, pointer, size_t, pointer, size_t, ctypes.c_int]
            lib.ZSTD_decompressDCtx.restype = size_t
            lib.ZSTD_decompressDCtx.argtypes = [pointer, pointer, size_t, pointer, size_t]
            lib.ZSTD_isError.argtypes = [size_t]
            self.cctx, self.dctx = lib.ZSTD_createCCtx(), lib.ZSTD_createDCtx()

    def bound(self, size):
        if self.codec == "lz4":
            return self.lib.LZ4F_compressFrameBound(size, self.preferences)
        return self.lib.ZSTD_compressBound(size)

    def compress(self, buf, target):
        """Compresses pyarrow buffer `buf` into the writable buffer `target`; the frame's length."""
        if self.codec == "lz4":
            written = self.lib.LZ4F_compressFrame(target.address, target.size, buf.address, buf.size,
                                                  self.preferences)
            failed = self.lib.LZ4F_isError(written)
        else:
            written = self.lib.ZSTD_compressCCtx(self.cctx, target.address, target.size, buf.address, buf.size, 1)
            failed = self.lib.ZSTD_isError(written)
        if failed:
            raise RuntimeError(f"{self.codec} compression failed")
        return written

    def decompress(self, frame, target, size):
        """Decompresses `frame` (bytes) into the first `size` bytes of `target`."""
        if self.codec == "zstd":
            written = self.lib.ZSTD_decompressDCtx(self.dctx, target.address, size, frame, len(frame))
            if self.lib.ZSTD_isError(written) or written != size:
                raise RuntimeError("zstd decompression failed")
            return
        produced, consumed = ctypes.c_size_t(size), ctypes.c_size_t(len(frame))
        remaining = self.lib.LZ4F_decompress(self.dctx, target.address, ctypes.byref(produced), frame,
                                             ctypes.byref(consumed), None)
        if self.lib.LZ4F_isError(remaining) or remaining != 0 or produced.value != size \
                or consumed.value != len(frame):
            raise RuntimeError("lz4 decompression failed")


def time_codecs(buffers, codec, repeats):
    """The best times, single-threaded, of compressing every buffer of `buffers` into one frame
    and of decompressing those frames: through the system library (into one reused output
    buffer: the codec alone) and through pyarrow's `pa.Codec` (which allocates each output)."""
    system = SystemCodec(codec)
    target = pa.allocate_buffer(max(system.bound(buf.size) for buf in buffers))
    frames = []
    for buf in buffers:
        length = system.compress(buf, target)
        frames.append(target.slice(0, length).to_pybytes())
    for buf, frame in zip(buffers, frames):
        system.decompress(frame, target, buf.size)
        if not target.slice(0, buf.size).equals(buf):
            raise RuntimeError(f"the system {codec} library does not decompress its frame to the buffer")

    def system_compress():
        for buf in buffers:
            system.compress(buf, target)

    def system_decompress():
        for buf, frame in zip(buffers, frames):
            system.decompress(frame, target, buf.size)

    bundled = pa.Codec(codec, compression_level=1)
    bundled_frames = [bundled.compress(buf, asbytes=False) for buf in buffers]
    for buf, frame in zip(buffers, bundled_frames):
        if not bundled.decompress(frame, decompressed_size=buf.size, asbytes=False).equals(buf):
            raise RuntimeError(f"pa.Codec('{codec}') does not decompress its own frame to the buffer")
    for buf, frame in zip(buffers, frames):
        if not bundled.decompress(frame, decompressed_size=buf.size, asbytes=False).equals(buf):
            raise RuntimeError(f"pa.Codec('{codec}') does not decompress the system library's frame")

    def bundled_compress():
        for buf in buffers:
            bundled.compress(buf, asbytes=False)

    def bundled_decompress():
        for buf, frame in zip(buffers, bundled_frames):
            bundled.decompress(frame, decompressed_size=buf.size, asbytes=False)

    return {
        "system_compress": min(measure(repeats, system_compress)),
        "system_decompress": min(measure(repeats, system_decompress)),
        "bundled_compress": min(measure(repeats, bundled_compress)),
        "bundled_decompress": min(measure(repeats, bundled_decompress)),
        "system_frames": sum(len(frame) for frame in frames),
        "bundled_frames": sum(frame.size for frame in bundled_frames),
        "buffers": sum(buf.size for buf in buffers),
    }


# ---------------------------------------------------------------------------------------------
# The Swift side


def run_swift(binary, directory, name, key, repeats, iterations, validation):
    """Runs workload `key` on table `name` in the Swift executable: its result and its checks."""
    command = [binary, "run", "--data", str(directory), "--tables", name, "--workloads", key,
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


def codec_versions():
    """The versions of the system codec libraries our package binds."""
    versions = []
    for codec, function in (("lz4", "LZ4_versionString"), ("zstd", "ZSTD_versionString")):
        try:
            getter = getattr(SystemCodec(codec).lib, function)
            getter.restype = ctypes.c_char_p
            versions.append(f"lib{codec} {getter().decode()}")
        except (OSError, AttributeError):
            versions.append(f"lib{codec} missing")
    return ", ".join(versions)


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
        f"swift: {swift}; system codecs (ours): {codec_versions()}",
        f"pyarrow {pa.__version__} (its own bundled codecs), numpy {np.__version__}, Python {platform.python_version()}",
    ]


def fmt_time(seconds, operations=1):
    value, unit = (seconds / operations * 1e6, "µs") if operations > 1 else (seconds * 1e3, "ms")
    digits = 0 if value >= 100 else 1 if value >= 10 else 2 if value >= 1 else 3
    return f"{value:,.{digits}f} {unit}"


def fmt_size(size):
    return f"{size / 1e6:,.2f} MB"


def print_table(headers, rows, left=2):
    """Prints `rows` in columns; the first `left` columns are aligned left, the others right."""
    cells = [headers] + rows
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    for index, row in enumerate(cells):
        print("  ".join(cell.ljust(widths[i]) if i < left else cell.rjust(widths[i]) for i, cell in enumerate(row)))
        if index == 0:
            print("  ".join("-" * width for width in widths))


class CompressedOutputs:
    """Checks the compressed files our writer left in the data folder: pyarrow must read them
    equal to the source, the single-thread and parallel writers must write the same bytes, and
    their sizes go into the size table."""

    def __init__(self, directory, name, pyarrow, problems):
        self.directory, self.name, self.pyarrow, self.problems = directory, name, pyarrow, problems
        self.sizes = {}  # codec -> (ours at alignment 8, ours at alignment 64)
        self.kept = {}  # codec -> the first output kept to compare with the next one

    def check(self, codec):
        output = self.directory / f"swift-{self.name}-{codec}.arrow"
        aligned = self.directory / f"swift-{self.name}-{codec}-align64.arrow"
        for path in (output, aligned):
            if not self.pyarrow.same_as_source(str(path), ipc.open_file):
                self.problems.append(f"{self.name}: pyarrow does not read {path.name} equal to the source")
        self.sizes[codec] = (os.path.getsize(output), os.path.getsize(aligned))
        remove(aligned)
        if codec in self.kept:
            if not filecmp.cmp(self.kept[codec], output, shallow=False):
                self.problems.append(f"{self.name}: our {codec} file differs between parallel and single-thread writing")
            remove(self.kept.pop(codec))
            remove(output)
        else:
            self.kept[codec] = self.directory / f"swift-{self.name}-{codec}-first.arrow"
            os.replace(output, self.kept[codec])

    def finish(self):
        for path in self.kept.values():
            remove(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--swift-binary", required=True, help="the release arrow-ipc-benchmark executable")
    parser.add_argument("--data", default="bench-data", help="the data folder (default bench-data)")
    parser.add_argument("--quick", action="store_true", help="small tables (2 M and 0.5 M rows)")
    parser.add_argument("--repeats", type=int, default=None,
                        help="runs per workload; the best counts (default 10, 5 with --quick: the machine may be shared)")
    parser.add_argument("--random-access-iterations", type=int, default=1000,
                        help="operations per timed run of the per-operation workloads: open + batch(at:),"
                             " batch(at:) and the row values (default 1000)")
    parser.add_argument("--tables", default="numeric,strings")
    parser.add_argument("--workloads", default="all",
                        help="all (default), or comma-separated workload names, groups or codecs, as"
                             " `arrow-ipc-benchmark list` prints them (groups: plain, compressed, kernels, values,"
                             " cast, build; codecs: lz4, zstd)")
    parser.add_argument("--validation", choices=("none", "default", "full"), default="default",
                        help="our readers' validation level (default: the library's default)")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)

    size = "quick" if args.quick else "full"
    directory = Path(args.data) / size
    repeats = args.repeats or (5 if args.quick else 10)
    iterations = args.random_access_iterations
    listed = Workloads(args.swift_binary)
    workloads = listed.selected(args.workloads)
    generate(directory, size, listed.codecs)
    generate_selections(directory, size, listed.take_indices, listed.filter_percents)
    load_before = os.getloadavg()

    plain_rows, compressed_rows, size_rows, codec_rows, kernel_rows, cast_rows = [], [], [], [], [], []
    value_rows, build_rows = [], []
    problems, notes, sizes = [], [], []
    for name in args.tables.split(","):
        # Each workload runs in Swift and then in pyarrow, so that both see the same machine load.
        pyarrow = PyarrowTable(directory, name, repeats, iterations, listed.codecs)
        outputs = CompressedOutputs(directory, name, pyarrow, problems)
        swift_checks = {}
        file_size = os.path.getsize(directory / f"{name}.arrow")
        codec_times = {}
        for codec in listed.codecs:
            if any(workload.get("codec") == codec for workload in workloads):
                print(f"  {name}: {codec} alone", file=sys.stderr)
                codec_times[codec] = times = time_codecs(pyarrow.body_buffers(), codec, repeats)
                codec_rows.append((name, codec, fmt_size(times["buffers"]),
                                   fmt_time(times["system_compress"]), fmt_time(times["bundled_compress"]),
                                   fmt_time(times["system_decompress"]), fmt_time(times["bundled_decompress"]),
                                   f"{times['system_frames'] / times['buffers']:.3f}",
                                   f"{times['bundled_frames'] / times['buffers']:.3f}"))
        for workload in workloads:
            key, label, group, codec = workload["name"], workload["description"], workload["group"], workload.get("codec")
            if name not in workload["tables"]:
                continue
            print(f"  {name}: {key}", file=sys.stderr)
            ours, checks = run_swift(args.swift_binary, directory, name, key, repeats, iterations, args.validation)
            swift_checks.update(checks)
            if key in ("write_file", "write_stream"):
                output = directory / f"swift-{name}.{'arrow' if key == 'write_file' else 'arrows'}"
                opener = ipc.open_file if key == "write_file" else ipc.open_stream
                if not pyarrow.same_as_source(str(output), opener):
                    problems.append(f"{name}: pyarrow does not read {output.name} equal to the source")
                remove(output)
            elif codec and workload["writes"]:
                outputs.check(codec)
            theirs = pyarrow.run(workload)
            best_ours, best_theirs = min(ours["seconds"]), min(theirs["seconds"])
            ratio = f"{best_ours / best_theirs:.2f}"
            if group == "kernels":
                kernel_rows.append((name, label, fmt_time(best_ours), fmt_time(best_theirs), ratio))
            elif group == "values":
                value_rows.append((name, label, fmt_time(best_ours, ours["operations"]),
                                   fmt_time(best_theirs, theirs["operations"]), ratio))
            elif group == "build":
                build_rows.append((name, label, fmt_time(best_ours), fmt_time(best_theirs), ratio))
            elif group == "cast":
                cast_rows.append((name, label, fmt_time(best_ours), fmt_time(best_theirs), ratio,
                                  f"{pyarrow.checks['rows'] / best_ours / 1e6:,.0f}"))
            elif group == "plain":
                throughput = f"{file_size / best_ours / 1e9:.2f}" if workload["writes"] else ""
                plain_rows.append((name, label, fmt_time(best_ours, ours["operations"]),
                                   fmt_time(best_theirs, theirs["operations"]), ratio, throughput))
            else:
                alone = codec_times[codec]["system_compress" if workload["writes"] else "system_decompress"]
                compressed_rows.append((name, label, fmt_time(best_ours), fmt_time(best_theirs), ratio,
                                        f"{file_size / best_ours / 1e9:.2f}", fmt_time(alone)))
        outputs.finish()
        for key, value in swift_checks.items():
            if pyarrow.checks.get(key) != value:
                problems.append(f"{name}: {key} is {value} in Swift but {pyarrow.checks.get(key)} in pyarrow")
        for codec, (ours_8, ours_64) in outputs.sizes.items():
            theirs = os.path.getsize(pyarrow.compressed_path(codec))
            frames = codec_times[codec]["system_frames"] - codec_times[codec]["bundled_frames"]
            larger = "LARGER" if ours_8 > theirs else ""
            if larger:
                notes.append(f"{name}: our {codec} file at alignment 8 is larger than pyarrow's"
                             f" ({ours_8:,} > {theirs:,} bytes); on the same buffers, the frames of the system"
                             f" library we bind come to {frames:+,} bytes against pyarrow's bundled {codec}")
            size_rows.append((name, codec, fmt_size(ours_8), fmt_size(ours_64), fmt_size(theirs),
                              f"{ours_8 / theirs:.4f}", f"{theirs / file_size:.3f}", f"{ours_8 - theirs:+,}",
                              f"{frames:+,}", larger))
        sizes.append(f"{name} {pyarrow.checks['rows']:,} rows, {file_size / 1e6:,.0f} MB"
                     f" in {pyarrow.checks['batches']} batches")

    print()
    print(f"Arrow IPC benchmark ({size}): best of {repeats} runs; open + batch(at:) and row values per operation,"
          f" {iterations} per run;"
          f" our readers validate at level '{args.validation}'.")
    print(f"data: {'; '.join(sizes)}")
    for line in machine_info():
        print(line)
    print(f"load average before: {load_before[0]:.2f}, after: {os.getloadavg()[0]:.2f}")
    if plain_rows:
        print()
        print_table(("table", "workload", "ours", "pyarrow", "ours/pyarrow", "ours write GB/s"), plain_rows)
    if kernel_rows:
        print("\nKernels on the batches in memory (heap), 1 thread: ours Table.take / Table.filter, pyarrow"
              " pc.take / pc.filter on a pa.Table of the same batches; indices and masks from"
              " NAME-take.arrow and NAME-masks.arrow.\n")
        print_table(("table", "workload", "ours", "pyarrow", "ours/pyarrow"), kernel_rows)
    if cast_rows:
        print("\nCasts of one column of every batch in memory, strict (pyarrow: safe=True); checks: the sums of"
              " the results' values, or their UTF-8 bytes for strings, agree.\n")
        print_table(("table", "workload", "ours", "pyarrow", "ours/pyarrow", "ours M rows/s"), cast_rows)
    if value_rows:
        value_count = next(workload["count"] for workload in workloads if workload["group"] == "values")
        print(f"\nValues, per operation: the first {value_count:,} rows of the file as records, after opening it"
              " (memory-mapped) and decoding their batch, or from their batch decoded beforehand; ours"
              " RecordBatch.slice(…).rows() (ArrowRecords of ArrowValues, every value then added up in the timed"
              " loop), pyarrow RecordBatch.slice(…).to_pylist() (dicts of Python objects; added up after, untimed);"
              " checks: the rows, nulls, sums of the integers, trues, doubles' bits and strings' bytes agree.\n")
        print_table(("table", "workload", "ours", "pyarrow", "ours/pyarrow"), value_rows)
    if build_rows:
        print("\nArrow from values and values from Arrow, 1 thread, from the first rows of the table (taken out"
              " untimed: Swift arrays and structs, Python lists and dicts): ours Int64Builder / StringBuilder"
              " appends, RecordBatch(inferringRecords:), ArrowEncoder().encode, ArrowDecoder().decode; pyarrow"
              " pa.array(list, type), Table.from_pylist, to_pylist; checks: rows, nulls and sums agree.\n")
        print_table(("table", "workload", "ours", "pyarrow", "ours/pyarrow"), build_rows)
    if compressed_rows:
        print("\nCompressed files, level 1; ours at alignment 8 as pyarrow. 'all cores': our parallel"
              " option, pyarrow's use_threads (its default); '1 thread': both off. GB/s of uncompressed data;"
              " 'codec alone': the system library on the same buffers, 1 thread (compress for writes,"
              " decompress for reads).\n")
        print_table(("table", "workload", "ours", "pyarrow", "ours/pyarrow", "ours GB/s", "codec alone"),
                    compressed_rows)
    if size_rows:
        print("\nCompressed file sizes (level 1): ours at alignment 8 and 64, pyarrow's (alignment 8),"
              " pyarrow's size over the uncompressed file's, ours (8) minus pyarrow's in bytes, and the same"
              " difference between the codecs' frames alone (system library minus pyarrow's bundled one, on the"
              " same buffers): what the codec versions account for.\n")
        print_table(("table", "codec", "ours (8)", "ours (64)", "pyarrow", "ours(8)/pyarrow", "pyarrow/uncompressed",
                     "ours-pyarrow", "codec frames", ""), size_rows)
    if codec_rows:
        print("\nThe codecs alone on every body buffer of the batches, 1 thread, level 1: 'system' is the"
              " library our package binds (ctypes, one reused output buffer), 'pyarrow' its bundled codec"
              " through pa.Codec (allocating each output); ratio: frames / buffers.\n")
        print_table(("table", "codec", "buffers", "compress system", "compress pyarrow", "decompress system",
                     "decompress pyarrow", "ratio system", "ratio pyarrow"), codec_rows)
    if notes:
        print("\nLarger than pyarrow:", *notes, sep="\n  ")
    if problems:
        print("\nThe two sides did not read the same data:", *problems, sep="\n  ")
        sys.exit(1)
    print("\nchecks: row counts, batch counts, sums of i64 and buffer sizes agree on both sides, for the"
          " uncompressed and the compressed files and the kernels' results, and so do the row values' sums and"
          " null counts; pyarrow reads our written files equal to the source;"
          " our parallel and single-thread compressed writes are the same bytes.")


if __name__ == "__main__":
    main()
