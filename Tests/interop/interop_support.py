"""Helpers shared by the interop tests.

- `CLI` runs the `arrow-ipc` binary under test and turns crashes and hangs into clear failures.
- `write_ipc` / `read_ipc` write and read the Arrow IPC file and stream formats with pyarrow,
  including per-batch custom metadata and the file footer's metadata.
- `assert_same_contents` compares two IPC payloads: schema (with all metadata), batch
  boundaries, and values column by column, with a message that names what differs.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import pyarrow as pa

FORMATS = ("file", "stream")
FILE_MAGIC = b"ARROW1"
# The file extension each format gets when a test names an output path.
EXTENSION = {"file": "arrow", "stream": "arrows"}
# How long one CLI call may take before the test calls it a hang.
CLI_TIMEOUT_SECONDS = 180


def detect_format(data: bytes) -> str:
    """'file' when the bytes start with the Arrow file magic, else 'stream'."""
    return "file" if data[:6] == FILE_MAGIC else "stream"


# ---------------------------------------------------------------------------------------------
# Running the CLI


class CLIError(AssertionError):
    """The binary crashed, hung, or exited with an unexpected code."""


def _describe(args: Sequence[str], proc: subprocess.CompletedProcess) -> str:
    def tail(data: bytes) -> str:
        text = data.decode("utf-8", errors="replace")
        return text if len(text) <= 4000 else "..." + text[-4000:]

    return (
        f"command: arrow-ipc {' '.join(args)}\n"
        f"exit code: {proc.returncode}\n"
        f"stderr:\n{tail(proc.stderr)}\n"
        f"stdout ({len(proc.stdout)} bytes):\n{tail(proc.stdout[:4000])}"
    )


@dataclasses.dataclass(frozen=True)
class CLI:
    """The `arrow-ipc` binary under test."""

    path: Path

    def run(self, *args: object, stdin: bytes | None = None) -> subprocess.CompletedProcess:
        """Runs the binary; fails the test on a crash (killed by a signal) or a hang."""
        argv = [str(a) for a in args]
        try:
            proc = subprocess.run(
                [str(self.path), *argv],
                input=stdin if stdin is not None else b"",
                capture_output=True,
                timeout=CLI_TIMEOUT_SECONDS,
            )
        except subprocess.TimeoutExpired as error:
            raise CLIError(
                f"arrow-ipc {' '.join(argv)} did not finish within {CLI_TIMEOUT_SECONDS} s (a hang)"
            ) from error
        if proc.returncode < 0:
            raise CLIError(f"arrow-ipc crashed (killed by signal {-proc.returncode})\n" + _describe(argv, proc))
        if proc.returncode > 2:
            raise CLIError(
                "arrow-ipc exited with a code other than 0 (success), 1 (invalid input or failure) "
                "and 2 (usage)\n" + _describe(argv, proc)
            )
        return proc

    def ok(self, *args: object, stdin: bytes | None = None) -> subprocess.CompletedProcess:
        """Runs the binary and requires exit code 0."""
        proc = self.run(*args, stdin=stdin)
        if proc.returncode != 0:
            raise CLIError("arrow-ipc was expected to succeed\n" + _describe([str(a) for a in args], proc))
        return proc

    def fails(self, *args: object, code: int | Iterable[int], stdin: bytes | None = None) -> subprocess.CompletedProcess:
        """Runs the binary and requires the given exit code(s) and a message on stderr."""
        codes = {code} if isinstance(code, int) else set(code)
        proc = self.run(*args, stdin=stdin)
        argv = [str(a) for a in args]
        if proc.returncode not in codes:
            raise CLIError(f"arrow-ipc was expected to exit with {sorted(codes)}\n" + _describe(argv, proc))
        message = proc.stderr.decode("utf-8", errors="replace").strip()
        if not message:
            raise CLIError("arrow-ipc failed without saying why on stderr\n" + _describe(argv, proc))
        return proc


# ---------------------------------------------------------------------------------------------
# Writing and reading IPC with pyarrow


@dataclasses.dataclass(frozen=True)
class IPCContents:
    """Everything an IPC file or stream holds, as pyarrow reads it."""

    format: str
    schema: pa.Schema
    batches: list[pa.RecordBatch]
    batch_metadata: list[dict[bytes, bytes] | None]
    footer_metadata: dict[bytes, bytes] | None

    @property
    def table(self) -> pa.Table:
        return pa.Table.from_batches(self.batches, schema=self.schema)


def _kv(metadata: Mapping | None) -> pa.KeyValueMetadata | None:
    return None if metadata is None else pa.KeyValueMetadata(metadata)


def write_ipc(
    path: Path,
    schema: pa.Schema,
    batches: Sequence[pa.RecordBatch],
    fmt: str,
    *,
    batch_metadata: Sequence[Mapping | None] | None = None,
    footer_metadata: Mapping | None = None,
) -> None:
    """Writes `batches` exactly as given (empty ones included) in the `fmt` format."""
    assert fmt in FORMATS, fmt
    if fmt == "file":
        writer = pa.ipc.new_file(str(path), schema, metadata=footer_metadata)
    else:
        assert footer_metadata is None, "the stream format has no footer"
        writer = pa.ipc.new_stream(str(path), schema)
    with writer:
        for i, batch in enumerate(batches):
            metadata = batch_metadata[i] if batch_metadata is not None else None
            if metadata is None:
                writer.write_batch(batch)
            else:
                writer.write_batch(batch, custom_metadata=_kv(metadata))


def read_ipc_bytes(data: bytes, *, validate: bool = True) -> IPCContents:
    """Reads a file or stream (detected from the magic bytes) fully, with all metadata."""
    fmt = detect_format(data)
    buffer = pa.py_buffer(data)
    batches: list[pa.RecordBatch] = []
    batch_metadata: list[dict[bytes, bytes] | None] = []
    if fmt == "file":
        reader = pa.ipc.open_file(buffer)
        for i in range(reader.num_record_batches):
            batch, metadata = reader.get_batch_with_custom_metadata(i)
            batches.append(batch)
            batch_metadata.append(dict(metadata) if metadata else None)
        footer = reader.metadata
        footer_metadata = dict(footer) if footer else None
    else:
        reader = pa.ipc.open_stream(buffer)
        for batch, metadata in reader.iter_batches_with_custom_metadata():
            batches.append(batch)
            batch_metadata.append(dict(metadata) if metadata else None)
        footer_metadata = None
    if validate:
        for i, batch in enumerate(batches):
            try:
                batch.validate(full=True)
            except pa.ArrowInvalid as error:  # pragma: no cover - message matters only on failure
                raise AssertionError(f"batch {i} is not valid Arrow data: {error}") from error
    return IPCContents(fmt, reader.schema, batches, batch_metadata, footer_metadata)


def read_ipc(path: Path, *, validate: bool = True) -> IPCContents:
    """Reads an IPC file or stream from disk; see `read_ipc_bytes`."""
    return read_ipc_bytes(Path(path).read_bytes(), validate=validate)


# ---------------------------------------------------------------------------------------------
# Comparing


def _first_difference(expected: pa.ChunkedArray, actual: pa.ChunkedArray) -> str:
    left = expected.combine_chunks() if expected.num_chunks else pa.array([], type=expected.type)
    right = actual.combine_chunks() if actual.num_chunks else pa.array([], type=actual.type)
    if len(left) != len(right):
        return f"lengths differ: expected {len(left)}, got {len(right)}"
    for i in range(len(left)):
        if not left.slice(i, 1).equals(right.slice(i, 1)):
            a, b = repr(left[i])[:300], repr(right[i])[:300]
            return f"first difference at row {i}: expected {a}, got {b}"
    return "values equal row by row, but the arrays differ (null count or layout?)"


def _schema_diff(expected: pa.Schema, actual: pa.Schema) -> str:
    lines = []
    if expected.metadata != actual.metadata:
        lines.append(f"schema metadata: expected {expected.metadata}, got {actual.metadata}")
    if len(expected) != len(actual):
        lines.append(f"field count: expected {len(expected)}, got {len(actual)}")
    for i, (e, a) in enumerate(zip(expected, actual)):
        if not e.equals(a, check_metadata=True):
            lines.append(
                f"field {i}: expected {e!r} (metadata {e.metadata}), got {a!r} (metadata {a.metadata})"
            )
    return "\n".join(lines) or f"expected\n{expected}\ngot\n{actual}"


def assert_same_schema(expected: pa.Schema, actual: pa.Schema) -> None:
    """Schemas equal, field and schema metadata included."""
    if not expected.equals(actual, check_metadata=True):
        raise AssertionError("schemas differ:\n" + _schema_diff(expected, actual))


_SAME_WIDTH_INT = {16: pa.uint16(), 32: pa.uint32(), 64: pa.uint64()}


def _bits(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """Top-level float columns compare bit for bit (NaN payloads, -0.0), others as they are."""
    if pa.types.is_floating(column.type):
        target = _SAME_WIDTH_INT[column.type.bit_width]
        return pa.chunked_array([chunk.view(target) for chunk in column.chunks], type=target)
    return column


def assert_same_table(expected: pa.Table, actual: pa.Table) -> None:
    """Tables equal in schema (with metadata) and values; names the first differing column."""
    assert_same_schema(expected.schema, actual.schema)
    assert expected.num_rows == actual.num_rows, f"row count: expected {expected.num_rows}, got {actual.num_rows}"
    for i, name in enumerate(expected.column_names):
        e, a = _bits(expected.column(i)), _bits(actual.column(i))
        if not e.equals(a):
            column_type = expected.column(i).type
            raise AssertionError(f"column {i} ({name!r}, {column_type}) differs: {_first_difference(e, a)}")


def assert_same_contents(expected: IPCContents, actual: IPCContents, *, footer: bool = False) -> None:
    """Same schema, batch boundaries, values and per-batch metadata; footer metadata on request."""
    assert_same_table(expected.table, actual.table)
    expected_rows = [b.num_rows for b in expected.batches]
    actual_rows = [b.num_rows for b in actual.batches]
    assert expected_rows == actual_rows, f"rows per batch: expected {expected_rows}, got {actual_rows}"
    assert expected.batch_metadata == actual.batch_metadata, (
        f"per-batch custom metadata: expected {expected.batch_metadata}, got {actual.batch_metadata}"
    )
    if footer:
        assert expected.footer_metadata == actual.footer_metadata, (
            f"footer metadata: expected {expected.footer_metadata}, got {actual.footer_metadata}"
        )
