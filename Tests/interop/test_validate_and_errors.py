"""`arrow-ipc validate`, bad input for every command, atomic output, and exit codes.

Exit codes: 0 success, 1 invalid input or failure (one clear sentence on stderr), 2 usage error.
Each corrupted input below is first confirmed invalid by pyarrow, so a failure here is ours.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Callable

import numpy as np
import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, read_ipc, read_ipc_bytes, write_ipc
from interop_tables import pyarrow_cases, random_batch

CASES = {c.name: c for c in pyarrow_cases()}
CRASH_MARKERS = ("Fatal error", "Stack dump", "Current stack trace", "Illegal instruction", "Segmentation fault")


def source_bytes(fmt: str, tmp_path: Path) -> bytes:
    """A small valid file or stream: three batches of ints, strings and lists with nulls."""
    schema = pa.schema([("i", pa.int64()), ("s", pa.string()), ("l", pa.list_(pa.int32()))])
    rng = np.random.default_rng(60)
    path = tmp_path / f"valid.{EXTENSION[fmt]}"
    write_ipc(path, schema, [random_batch(schema, 40, rng, 0.2) for _ in range(3)], fmt)
    return path.read_bytes()


def _set_int32(data: bytes, position: int, value: int) -> bytes:
    return data[:position] + struct.pack("<i", value) + data[position + 4 :]


def _garble(data: bytes, start: int, length: int) -> bytes:
    return data[:start] + b"\xff" * length + data[start + length :]


# name -> (formats it applies to, corruption of the valid bytes)
CORRUPTIONS: dict[str, tuple[tuple[str, ...], Callable[[bytes], bytes]]] = {
    "empty": (FORMATS, lambda d: b""),
    "random-bytes": (FORMATS, lambda d: bytes(np.random.default_rng(61).integers(0, 256, 1000, dtype=np.uint8))),
    "csv-text": (FORMATS, lambda d: b"id,name\n1,alice\n2,bob\n"),
    "magic-only": (FORMATS, lambda d: b"ARROW1\0\0"),
    "first-12-bytes": (FORMATS, lambda d: d[:12]),
    "truncated-10pct": (FORMATS, lambda d: d[: len(d) // 10]),
    "truncated-half": (FORMATS, lambda d: d[: len(d) // 2]),
    "truncated-90pct": (FORMATS, lambda d: d[: len(d) * 9 // 10]),
    "last-byte-cut": (("file",), lambda d: d[:-1]),
    "footer-cut": (("file",), lambda d: d[:-11]),
    "trailing-magic-wrong": (("file",), lambda d: d[:-6] + b"ARROW2"),
    "footer-length-huge": (("file",), lambda d: _set_int32(d, len(d) - 10, 0x7FFFFFFF)),
    "footer-length-negative": (("file",), lambda d: _set_int32(d, len(d) - 10, -5)),
    "footer-length-past-start": (("file",), lambda d: _set_int32(d, len(d) - 10, len(d))),
    "footer-garbled": (("file",), lambda d: _garble(d, len(d) - 80, 60)),
    "metadata-length-huge": (("stream",), lambda d: _set_int32(d, 4, 0x7FFFFFF0)),
    "metadata-length-negative": (("stream",), lambda d: _set_int32(d, 4, -16)),
    "schema-garbled": (("stream",), lambda d: _garble(d, 8, 24)),
    "garbage-instead-of-end": (("stream",), lambda d: d[:-8] + b"\x41" * 100),
}
CORRUPTION_CASES = [(name, fmt) for name, (formats, _) in CORRUPTIONS.items() for fmt in formats]


@pytest.fixture
def corrupted(request, tmp_path) -> Path:
    name, fmt = request.param
    data = CORRUPTIONS[name][1](source_bytes(fmt, tmp_path))
    with pytest.raises(Exception):  # the test is meaningful only if pyarrow rejects the bytes too
        read_ipc_bytes(data)
    path = tmp_path / "inputs" / f"{name}.{EXTENSION[fmt]}"
    path.parent.mkdir()
    path.write_bytes(data)
    return path


def assert_clear_message(stderr: bytes) -> None:
    text = stderr.decode("utf-8", errors="replace").strip()
    assert text, "the failure must be explained on stderr"
    for marker in CRASH_MARKERS:
        assert marker not in text, f"stderr looks like a crash report, not a message:\n{text}"
    assert len(text.splitlines()) <= 5, f"the message should be a clear sentence, not a dump:\n{text}"


# ---------------------------------------------------------------------------------------------
# Valid input


VALID = ["classic-nulls20-batch64", "classic-nulls100-batch7", "empty-batches", "zero-batches-schema-only",
         "no-columns", "sliced-batches", "nonzero-first-offsets", "unicode", "deep-nesting", "metadata",
         "special-floats", "duplicate-names"]


@pytest.mark.parametrize("full", [False, True], ids=["cheap", "full"])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", VALID)
def test_validate_accepts_valid_input(cli, tmp_path, name, fmt, full):
    case = CASES[name]
    path = tmp_path / f"{name}.{EXTENSION[fmt]}"
    write_ipc(path, case.schema, case.batches, fmt)
    cli.ok("validate", path, *(["--full"] if full else []))


def test_validate_accepts_stream_without_end_marker(cli, tmp_path):
    # The end-of-stream marker is optional: a stream may simply end after a message.
    data = source_bytes("stream", tmp_path)
    assert data[-8:] == b"\xff\xff\xff\xff\x00\x00\x00\x00"
    path = tmp_path / "no-eos.arrows"
    path.write_bytes(data[:-8])
    read_ipc(path)
    cli.ok("validate", path, "--full")


# ---------------------------------------------------------------------------------------------
# Invalid input: every command fails with exit 1 and a message, convert leaves nothing behind


@pytest.mark.parametrize("corrupted", CORRUPTION_CASES, indirect=True, ids=[f"{n}-{f}" for n, f in CORRUPTION_CASES])
def test_validate_rejects_corrupted_input(cli, corrupted):
    for args in (("validate", corrupted), ("validate", corrupted, "--full")):
        proc = cli.fails(*args, code=1)
        assert_clear_message(proc.stderr)


@pytest.mark.parametrize("corrupted", CORRUPTION_CASES, indirect=True, ids=[f"{n}-{f}" for n, f in CORRUPTION_CASES])
def test_cat_and_inspect_reject_corrupted_input(cli, corrupted):
    for args in (("cat", corrupted, "--output", "jsonl"), ("inspect", corrupted, "--json"), ("inspect", corrupted)):
        proc = cli.fails(*args, code=1)
        assert_clear_message(proc.stderr)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("corrupted", CORRUPTION_CASES, indirect=True, ids=[f"{n}-{f}" for n, f in CORRUPTION_CASES])
def test_convert_of_bad_input_leaves_no_output(cli, corrupted, fmt):
    out_dir = corrupted.parent.parent / "out"
    out_dir.mkdir()
    output = out_dir / f"converted.{EXTENSION[fmt]}"
    proc = cli.fails("convert", corrupted, output, "--format", fmt, code=1)
    assert_clear_message(proc.stderr)
    assert not output.exists(), "a failed convert must not leave an output file"
    assert list(out_dir.iterdir()) == [], f"a failed convert left files behind: {list(out_dir.iterdir())}"


@pytest.mark.parametrize("corrupted", [("truncated-half", "stream")], indirect=True, ids=["truncated-half-stream"])
def test_failed_convert_keeps_existing_output(cli, corrupted):
    output = corrupted.parent / "existing.arrow"
    output.write_bytes(b"previous contents")
    cli.fails("convert", corrupted, output, code=1)
    assert output.read_bytes() == b"previous contents", "the output appears atomically or not at all"
    assert sorted(p.name for p in corrupted.parent.iterdir()) == sorted([corrupted.name, output.name])


@pytest.mark.parametrize("corrupted", [("truncated-half", "stream"), ("footer-cut", "file")], indirect=True,
                         ids=["truncated-half-stream", "footer-cut-file"])
def test_convert_from_bad_stdin_fails(cli, corrupted, tmp_path):
    output = tmp_path / "from-stdin.arrow"
    cli.fails("convert", "-", output, code=1, stdin=corrupted.read_bytes())
    assert not output.exists()


def _string_batch(offsets: list[int], data: bytes) -> tuple[pa.Schema, pa.RecordBatch]:
    schema = pa.schema([("s", pa.string())])
    array = pa.Array.from_buffers(
        pa.string(), len(offsets) - 1, [None, pa.py_buffer(np.array(offsets, dtype=np.int32).tobytes()), pa.py_buffer(data)]
    )
    return schema, pa.RecordBatch.from_arrays([array], schema=schema)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "kind, offsets, data",
    [
        ("invalid-utf8", [0, 2, 4, 6], b"ok\xff\xfeok"),
        ("overlong-utf8", [0, 2, 3], b"\xc0\xafa"),
        ("non-monotonic-offsets", [0, 5, 3, 8], b"abcdefgh"),
    ],
)
def test_validate_full_checks_values(cli, tmp_path, fmt, kind, offsets, data):
    schema, batch = _string_batch(offsets, data)
    path = tmp_path / f"{kind}.{EXTENSION[fmt]}"
    write_ipc(path, schema, [batch], fmt)
    with pytest.raises(AssertionError, match="not valid Arrow data"):
        read_ipc(path)  # pyarrow's full validation rejects it too
    proc = cli.fails("validate", path, "--full", code=1)
    assert_clear_message(proc.stderr)
    cli.run("cat", path, "--output", "jsonl")  # any answer but a crash


@pytest.mark.parametrize("fmt", FORMATS)
def test_validate_full_names_the_batch_field_and_buffer(cli, tmp_path, fmt):
    # Column 's' has buffers 0 (validity), 1 (offsets) and 2 (data); the second batch is bad.
    schema, bad = _string_batch([0, 2, 4], b"ok\xff\xfe")
    _, good = _string_batch([0, 1], b"a")
    path = tmp_path / f"located.{EXTENSION[fmt]}"
    write_ipc(path, schema, [good, bad], fmt)
    stderr = cli.fails("validate", path, "--full", code=1).stderr.decode()
    batch = "record batch 1" if fmt == "file" else "the record batch in message 2"
    assert f"{batch}, field 's', buffer 2: the string in slot 1 is not valid UTF-8" in stderr, stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_decimal_precision_is_checked_only_when_asked(cli, tmp_path, fmt):
    # 1000 in a decimal128(3, 0): pyarrow writes and reads it; only --decimal-precision refuses it.
    values = np.array([999, 0, 1000, 0], dtype=np.int64).tobytes()
    array = pa.Array.from_buffers(pa.decimal128(3, 0), 2, [None, pa.py_buffer(values)])
    schema = pa.schema([("d", pa.decimal128(3, 0))])
    path = tmp_path / f"decimal.{EXTENSION[fmt]}"
    write_ipc(path, schema, [pa.RecordBatch.from_arrays([array], schema=schema)], fmt)
    cli.run("validate", path, "--full").check_returncode()
    stderr = cli.fails("validate", path, "--full", "--decimal-precision", code=1).stderr.decode()
    assert "field 'd', buffer 1: the decimal in slot 1 has the unscaled value 1000, more than the 3 digits" in stderr, stderr


@pytest.mark.parametrize("fmt", FORMATS)
def test_offsets_past_the_data_are_rejected(cli, tmp_path, fmt):
    schema, batch = _string_batch([0, 3, 7, 12], b"abcdefghijkl")
    path = tmp_path / f"offsets.{EXTENSION[fmt]}"
    write_ipc(path, schema, [batch], fmt)
    data = path.read_bytes()
    pattern = np.array([0, 3, 7, 12], dtype=np.int32).tobytes()
    assert data.count(pattern) == 1
    position = data.index(pattern) + 12
    path.write_bytes(_set_int32(data, position, 0x10000000))
    with pytest.raises(Exception):
        read_ipc(path)
    cli.fails("validate", path, "--full", code=1)
    cli.fails("cat", path, "--output", "jsonl", code=1)
    cli.fails("convert", path, tmp_path / "out.arrow", "--reencode", code=1)
    assert not (tmp_path / "out.arrow").exists()
    # Copied as bytes, the messages keep their damage: the copy is refused as the input is.
    cli.ok("convert", path, tmp_path / "copied.arrow")
    with pytest.raises(Exception):
        read_ipc(tmp_path / "copied.arrow")


@pytest.mark.parametrize("seed", range(30))
def test_random_byte_flips_never_crash(cli, tmp_path, seed):
    # Whatever the damage, every command ends with a result (0) or an error (1), never a crash or hang.
    rng = np.random.default_rng(1000 + seed)
    fmt = FORMATS[seed % 2]
    data = bytearray(source_bytes(fmt, tmp_path))
    for position in rng.integers(0, len(data), size=int(rng.integers(1, 8))):
        data[position] ^= int(rng.integers(1, 256))
    path = tmp_path / f"flipped.{EXTENSION[fmt]}"
    path.write_bytes(bytes(data))
    commands = [
        ("validate", path),
        ("validate", path, "--full"),
        ("cat", path, "--output", "jsonl"),
        ("cat", path, "--output", "csv", "--rows", "-5:", "--columns", "1"),
        ("inspect", path, "--json"),
        ("convert", path, tmp_path / "out.arrows"),
    ]
    for args in commands:
        proc = cli.run(*args)
        assert proc.returncode in (0, 1), f"arrow-ipc {' '.join(map(str, args))} exited {proc.returncode}"
        if proc.returncode == 1:
            assert_clear_message(proc.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("validate", "{missing}"),
        ("validate", "{missing}", "--full"),
        ("cat", "{missing}"),
        ("inspect", "{missing}", "--json"),
        ("convert", "{missing}", "{out}"),
        ("validate", "{directory}"),
        ("cat", "{directory}"),
        ("convert", "{valid}", "{missing_dir_out}"),
    ],
    ids=["validate", "validate-full", "cat", "inspect", "convert", "validate-dir", "cat-dir", "convert-to-missing-dir"],
)
def test_missing_files_fail_with_exit_1(cli, tmp_path, args):
    valid = tmp_path / "valid.arrow"
    valid.write_bytes(source_bytes("file", tmp_path))
    names = {
        "missing": tmp_path / "does-not-exist.arrow",
        "out": tmp_path / "out.arrow",
        "directory": tmp_path,
        "valid": valid,
        "missing_dir_out": tmp_path / "no-such-dir" / "out.arrow",
    }
    proc = cli.fails(*[a.format(**names) for a in args], code=1)
    assert_clear_message(proc.stderr)
    assert not (tmp_path / "out.arrow").exists()


# ---------------------------------------------------------------------------------------------
# Usage errors: exit code 2


@pytest.fixture
def valid_file(tmp_path) -> Path:
    path = tmp_path / "valid.arrow"
    path.write_bytes(source_bytes("file", tmp_path))
    return path


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("convert",),
        ("convert", "{f}"),
        ("convert", "{f}", "{o}", "--format", "parquet"),
        ("convert", "{f}", "{o}", "--format"),
        ("cat",),
        ("cat", "{f}", "--output", "xml"),
        ("cat", "{f}", "--rows", "abc"),
        ("cat", "{f}", "--rows", "1:2:3:4"),
        ("cat", "{f}", "--rows", "::0"),
        ("cat", "{f}", "--rows", "1.5"),
        ("cat", "{f}", "--rows", ""),
        ("cat", "{f}", "--bogus"),
        ("inspect",),
        ("inspect", "{f}", "--yaml"),
        ("validate",),
        ("validate", "{f}", "--fast"),
        ("validate", "{f}", "--decimal-precision"),
    ],
)
def test_usage_errors_exit_2(cli, tmp_path, valid_file, args):
    argv = [a.format(f=valid_file, o=tmp_path / "out.arrow") for a in args]
    cli.fails(*argv, code=2)
    assert not (tmp_path / "out.arrow").exists()


def test_help_lists_the_commands(cli):
    text = cli.ok("--help").stdout.decode("utf-8")
    for command in ("convert", "cat", "inspect", "validate"):
        assert command in text


@pytest.mark.parametrize("command", ["convert", "cat", "inspect", "validate"])
def test_command_help(cli, command):
    proc = cli.ok(command, "--help")
    assert command in proc.stdout.decode("utf-8").lower()

