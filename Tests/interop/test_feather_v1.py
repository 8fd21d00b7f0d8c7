"""Legacy Feather V1 files (`FEA1`) through `arrow-ipc`: inspect, cat, convert, validate.

pyarrow writes the files (`feather.write_feather(table, path, version=1)`) and is the
reference reader (`feather.read_table`): what `arrow-ipc convert` writes must read back in
pyarrow equal to it, schema included (field metadata aside), and `cat --output jsonl` must
print its values.

What a table loses on its way through V1, so that the reference is pyarrow's reading of the
V1 file rather than the table written:
- schema and field metadata (V1 has none; a reader maps V1's own description and metadata
  texts to metadata keys `feather.description`, `feather.metadata`, `feather.user_metadata`,
  which pyarrow never writes);
- non-nullability: every V1 column reads as nullable;
- chunk boundaries: pyarrow refuses to write a chunked column as V1 (combine the chunks
  first), so a V1 file is one batch;
- the null type, written as an all-null utf8 column;
- the types V1 cannot hold, which pyarrow refuses to write: float16, date64, time64,
  durations, intervals, decimals, fixed-size binary, views, nested types.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.feather as feather
import pytest

from test_cat import check_json_value, parse_jsonl

# pyarrow deprecates V1 (since 25.0), which is what this suite reads.
pytestmark = pytest.mark.filterwarnings("ignore:.*Feather V1.*:DeprecationWarning")

ROW_COUNTS = [0, 1, 7, 9, 100]


def every_type_table(rows: int) -> pa.Table:
    """A table of every type pyarrow writes as V1, with nulls at different places per column."""
    rng = np.random.default_rng(rows)

    def mask(period: int, phase: int) -> list[bool]:
        return [i % period == phase for i in range(rows)]

    def ints(low: int, high: int, period: int, t: pa.DataType) -> pa.Array:
        dtype = np.uint64 if low >= 0 else np.int64
        values = [int(v) for v in rng.integers(low, high, rows, dtype=dtype, endpoint=True)]
        return pa.array([None if i % period == 1 else v for i, v in enumerate(values)], t)

    base = datetime.datetime(2021, 3, 4, 5, 6, 7)
    times = [base + datetime.timedelta(days=i * 37, seconds=i * 3601, microseconds=i * 1001) for i in range(rows)]
    words = ["", "a", "héllo", "naïve ☃", "x" * 40, "line\nbreak", "quote\"d"]
    strings = [None if i % 5 == 2 else words[i % len(words)] for i in range(rows)]
    blobs = [None if i % 4 == 0 else bytes(range(i % 9)) for i in range(rows)]
    codes = [None if i % 6 == 3 else i % 3 for i in range(rows)]

    def dictionary(index: pa.DataType, levels: pa.Array, ordered: bool = False) -> pa.DictionaryArray:
        return pa.DictionaryArray.from_arrays(pa.array(codes, index), levels, ordered=ordered)

    columns = {
        "bool": pa.array([None if m else i % 3 == 0 for i, m in enumerate(mask(3, 2))], pa.bool_()),
        "i8": ints(-128, 127, 3, pa.int8()),
        "i16": ints(-(2**15), 2**15 - 1, 4, pa.int16()),
        "i32": ints(-(2**31), 2**31 - 1, 5, pa.int32()),
        "i64": ints(-(2**63), 2**63 - 1, 6, pa.int64()),
        "u8": ints(0, 2**8 - 1, 3, pa.uint8()),
        "u16": ints(0, 2**16 - 1, 4, pa.uint16()),
        "u32": ints(0, 2**32 - 1, 5, pa.uint32()),
        "u64": ints(0, 2**64 - 1, 7, pa.uint64()),
        "f32": pa.array([None if i % 4 == 1 else float(np.float32(v)) for i, v in enumerate(rng.normal(size=rows))], pa.float32()),
        "f64": pa.array([None if i % 5 == 4 else float(v) for i, v in enumerate(rng.normal(size=rows) * 1e6)], pa.float64()),
        "utf8": pa.array(strings, pa.string()),
        "large_utf8": pa.array(strings, pa.large_string()),
        "binary": pa.array(blobs, pa.binary()),
        "large_binary": pa.array(blobs, pa.large_binary()),
        "date32": pa.array([None if i % 3 == 0 else t.date() for i, t in enumerate(times)], pa.date32()),
        "time_s": pa.array([None if i % 4 == 2 else (i * 3607) % 86400 for i in range(rows)], pa.time32("s")),
        "time_ms": pa.array([None if i % 4 == 3 else (i * 3_600_007) % 86_400_000 for i in range(rows)], pa.time32("ms")),
        "cat": dictionary(pa.int32(), pa.array(["low", "mid", "high"])),
        "cat_i8_ordered": dictionary(pa.int8(), pa.array(["a", "b", "c"]), ordered=True),
        "cat_i16_large": dictionary(pa.int16(), pa.array(["x", "y", "z"], pa.large_string())),
        "cat_i64_double": dictionary(pa.int64(), pa.array([0.5, 1.5, -2.0])),
        "cat_u8_null_level": dictionary(pa.uint8(), pa.array(["p", None, "r"])),
        "all_null": pa.array([None] * rows, pa.null()),
    }
    for unit in ["s", "ms", "us", "ns"]:
        columns[f"ts_{unit}"] = pa.array([None if i % 5 == 1 else t for i, t in enumerate(times)], pa.timestamp(unit))
        columns[f"ts_{unit}_tz"] = pa.array(
            [None if i % 5 == 3 else t for i, t in enumerate(times)], pa.timestamp(unit, tz="America/New_York"))
    return pa.table(columns)


def write_v1(path: Path, table: pa.Table) -> pa.Table:
    """Writes `table` as Feather V1 at `path`; returns pyarrow's reading of the file."""
    feather.write_feather(table, str(path), version=1)
    assert path.read_bytes()[:4] == b"FEA1"
    return feather.read_table(str(path))


def read_ipc_table(path: Path, fmt: str) -> pa.Table:
    if fmt == "file":
        with pa.ipc.open_file(str(path)) as reader:
            return reader.read_all()
    with pa.ipc.open_stream(str(path)) as reader:
        return reader.read_all()


def assert_same_table(expected: pa.Table, actual: pa.Table) -> None:
    assert actual.schema.equals(expected.schema), f"schemas differ:\n{expected.schema}\n---\n{actual.schema}"
    assert actual.num_rows == expected.num_rows
    for name in expected.column_names:
        assert actual.column(name).equals(expected.column(name)), f"column {name!r} differs"
    assert actual.equals(expected)


@pytest.fixture(scope="module", params=ROW_COUNTS, ids=lambda n: f"rows{n}")
def every_type_file(request, tmp_path_factory) -> tuple[Path, pa.Table]:
    path = tmp_path_factory.mktemp("v1") / f"every-type-{request.param}.feather"
    return path, write_v1(path, every_type_table(request.param))


# ---------------------------------------------------------------------------------------------
# What pyarrow writes and refuses


def test_every_type_reads_back_in_pyarrow_as_written(every_type_file):
    """The reference is honest: pyarrow's V1 round trip keeps every column but the null one."""
    path, read = every_type_file
    written = every_type_table(read.num_rows)
    for name in written.column_names:
        if name == "all_null":
            assert read.schema.field(name).type == pa.string()
        else:
            assert read.column(name).equals(written.column(name)), name


def test_pyarrow_refuses_chunked_columns_so_chunks_are_combined(cli, tmp_path):
    chunked = pa.table({
        "a": pa.chunked_array([[1, 2], [], [3, None]], pa.int64()),
        "s": pa.chunked_array([["x"], [None, "zz", "w"], []], pa.string()),
    })
    with pytest.raises(pa.ArrowInvalid, match="chunked"):
        feather.write_feather(chunked, str(tmp_path / "refused.feather"), version=1)
    path = tmp_path / "combined.feather"
    expected = write_v1(path, chunked.combine_chunks())
    cli.ok("convert", path, tmp_path / "out.arrow")
    actual = read_ipc_table(tmp_path / "out.arrow", "file")
    assert_same_table(expected, actual)
    assert actual.equals(chunked), "same values as the chunked table written"


# ---------------------------------------------------------------------------------------------
# convert


@pytest.mark.parametrize("fmt", ["file", "stream"])
def test_convert_equals_pyarrow(cli, tmp_path, every_type_file, fmt):
    path, expected = every_type_file
    out = tmp_path / ("out.arrow" if fmt == "file" else "out.arrows")
    cli.ok("convert", path, out)
    assert out.read_bytes()[:6] == b"ARROW1" if fmt == "file" else out.read_bytes()[:4] == b"\xff\xff\xff\xff"
    assert_same_table(expected, read_ipc_table(out, fmt))


def test_convert_to_stdout(cli, tmp_path, every_type_file):
    path, expected = every_type_file
    stream = cli.ok("convert", path, "-").stdout
    assert_same_table(expected, pa.ipc.open_stream(stream).read_all())


@pytest.mark.parametrize("table", [
    pa.table({}),
    pa.table({"a": pa.array([], pa.int32()), "s": pa.array([], pa.string()), "c": pa.array([], pa.string()).dictionary_encode()}),
], ids=["no-columns", "zero-rows"])
def test_convert_empty_tables(cli, tmp_path, table):
    path = tmp_path / "empty.feather"
    expected = write_v1(path, table)
    cli.ok("convert", path, tmp_path / "out.arrow")
    assert_same_table(expected, read_ipc_table(tmp_path / "out.arrow", "file"))


def test_convert_a_sliced_table(cli, tmp_path):
    """pyarrow writes a slice's bitmaps shifted to bit 0: the offsets in the file start anew."""
    table = every_type_table(40).slice(3, 30)
    path = tmp_path / "sliced.feather"
    expected = write_v1(path, table)
    cli.ok("convert", path, tmp_path / "out.arrow")
    assert_same_table(expected, read_ipc_table(tmp_path / "out.arrow", "file"))


# ---------------------------------------------------------------------------------------------
# cat


def _check_row(expected: pa.Table, row: dict, r: int) -> None:
    assert list(row) == expected.column_names
    for c, field in enumerate(expected.schema):
        value = expected.column(c)[r].as_py()
        t = field.type
        where = f"row {r}, column {field.name!r}"
        if pa.types.is_dictionary(t):
            t = t.value_type
        if pa.types.is_large_string(t):
            t = pa.string()
        if pa.types.is_large_binary(t):
            t = pa.binary()
        if pa.types.is_time(t):
            got = row[field.name]
            assert (got is None) if value is None else datetime.time.fromisoformat(got) == value, f"{where}: {got!r} is not {value}"
        else:
            check_json_value(t, row[field.name], value, where)


def test_cat_jsonl_matches_pyarrow(cli, every_type_file):
    path, expected = every_type_file
    rows = parse_jsonl(cli.ok("cat", path, "--output", "jsonl").stdout)
    assert len(rows) == expected.num_rows
    for r, row in enumerate(rows):
        _check_row(expected, row, r)


@pytest.mark.parametrize("columns", [["utf8"], ["cat", "i8"], ["ts_ns_tz", "bool", "cat"]])
def test_cat_projects_columns(cli, every_type_file, columns):
    path, _ = every_type_file
    expected = feather.read_table(str(path), columns=columns)
    rows = parse_jsonl(cli.ok("cat", path, "--output", "jsonl", "--columns", ",".join(columns)).stdout)
    assert len(rows) == expected.num_rows
    for r, row in enumerate(rows):
        _check_row(expected, row, r)


def test_cat_selects_rows(cli, tmp_path):
    path = tmp_path / "rows.feather"
    expected = write_v1(path, every_type_table(100))
    rows = parse_jsonl(cli.ok("cat", path, "--output", "jsonl", "--rows", "-3:", "--columns", "i64,utf8").stdout)
    assert rows == expected.select(["i64", "utf8"]).slice(97).to_pylist()


# ---------------------------------------------------------------------------------------------
# inspect and validate


def test_inspect_shows_feather_v1_and_counts(cli, every_type_file):
    path, expected = every_type_file
    text = cli.ok("inspect", path).stdout.decode()
    assert "format:   Feather V1" in text
    assert f"rows:     {expected.num_rows}\n" in text
    assert f"columns:  {expected.num_columns}\n" in text
    info = json.loads(cli.ok("inspect", "--json", path).stdout)
    assert info["format"] == "feather-v1"
    assert info["rowCount"] == expected.num_rows
    assert info["columnCount"] == expected.num_columns
    assert info["batchCount"] == 1
    assert info["fileSize"] == path.stat().st_size
    assert [c["name"] for c in info["columns"]] == expected.column_names
    assert all(c["nullable"] for c in info["columns"])
    dictionaries = {c["name"]: c["dictionary"] for c in info["columns"] if c["dictionary"]}
    assert set(dictionaries) == {f.name for f in expected.schema if pa.types.is_dictionary(f.type)}
    assert dictionaries["cat_i8_ordered"]["ordered"] is True
    assert dictionaries["cat_u8_null_level"]["indexType"] == "uint8"


def test_validate_full(cli, every_type_file):
    path, expected = every_type_file
    out = cli.ok("validate", "--full", path).stdout.decode()
    assert out == f"valid Feather V1: {expected.num_columns} columns, 1 batches, {expected.num_rows} rows\n"


def test_max_metadata_size_applies(cli, tmp_path):
    path = tmp_path / "small.feather"
    write_v1(path, every_type_table(3))
    proc = cli.fails("cat", "--max-metadata-size", "64", path, code=1)
    assert b"metadata limit of 64" in proc.stderr


# ---------------------------------------------------------------------------------------------
# Corrupted files: exit 1 with one line, never a crash


@pytest.fixture(scope="module")
def small_v1(tmp_path_factory) -> bytes:
    table = every_type_table(9).select(["bool", "i16", "f64", "utf8", "large_binary", "ts_us_tz", "time_ms", "cat_u8_null_level"])
    path = tmp_path_factory.mktemp("v1") / "small.feather"
    write_v1(path, table)
    return path.read_bytes()


def _run_damaged(cli, tmp_path: Path, data: bytes, what: str) -> None:
    path = tmp_path / "damaged.feather"
    path.write_bytes(data)
    for command in (["cat", "--output", "jsonl"], ["convert", "--no-sync"], ["validate", "--full"]):
        args = [*command, path] + ([tmp_path / "out.arrow"] if command[0] == "convert" else [])
        proc = cli.run(*args)
        assert proc.returncode in (0, 1), f"{what}: {command[0]} exited {proc.returncode}"
        if proc.returncode == 1:
            lines = proc.stderr.decode("utf-8", errors="replace").splitlines()
            assert len(lines) == 1 and lines[0].startswith("arrow-ipc: "), f"{what}: {command[0]} said {lines!r}"


def test_truncated_files_fail_cleanly(cli, tmp_path, small_v1):
    # Every cut in the trailer, every 8th in the metadata, every 64th elsewhere: the Swift suite
    # reads every cut of a pyarrow file in process (FeatherV1Tests); here each cut must end in
    # exit 1 and one line from the CLI.
    metadata_start = len(small_v1) - 8 - int.from_bytes(small_v1[-8:-4], "little")
    cuts = sorted(set(range(0, metadata_start, 64)) | set(range(metadata_start - 4, len(small_v1), 8))
                  | set(range(len(small_v1) - 12, len(small_v1))))
    for cut in cuts:
        path = tmp_path / "cut.feather"
        path.write_bytes(small_v1[:cut])
        proc = cli.run("cat", path)
        assert proc.returncode == 1, f"cut at {cut}: exit {proc.returncode}"
        lines = proc.stderr.decode().splitlines()
        assert len(lines) == 1 and lines[0].startswith("arrow-ipc: "), f"cut at {cut}: {lines!r}"


def test_flipped_bytes_fail_cleanly_or_read(cli, tmp_path, small_v1):
    rng = np.random.default_rng(7)
    metadata_start = len(small_v1) - 8 - int.from_bytes(small_v1[-8:-4], "little")
    # A sample: the Swift suite flips every byte of a pyarrow file in process (FeatherV1Tests).
    positions = sorted(set(rng.integers(metadata_start, len(small_v1), 24)) | set(rng.integers(0, metadata_start, 8)))
    for position in positions:
        for value in (0x00, 0xFF, small_v1[position] ^ 0x80):
            data = bytearray(small_v1)
            data[position] = value
            _run_damaged(cli, tmp_path, bytes(data), f"byte {position} set to {value:#04x}")


def test_a_v1_file_on_standard_input_is_refused(cli, tmp_path, small_v1):
    """V1 needs random access (its metadata is at the end): standard input is read as a stream."""
    proc = cli.fails("cat", "-", code=1, stdin=small_v1)
    lines = proc.stderr.decode().splitlines()
    assert len(lines) == 1 and "Feather V1" in lines[0], lines
