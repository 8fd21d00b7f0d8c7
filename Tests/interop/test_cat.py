"""`arrow-ipc cat`: rows and columns selection, and the csv / jsonl / table outputs.

The csv and jsonl conventions tested here are written down in README.md beside this file.
Expectations come from pyarrow's view of the same file (`to_pylist`).
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, write_ipc
from interop_tables import classic_schema, random_batch, split

ROWS = 97
BATCH_SIZE = 10  # ten batches, the last one short: selections cross batch boundaries

_STRINGS = [
    "plain", "comma, inside", 'quote " inside', '"quoted"', "new\nline", "carriage\rreturn", "crlf\r\n",
    " leading space", "trailing space ", "ünïcödé 中文 😀", "semi;colon", "tab\there", "", None,
]
_FLOATS = [0.1, 1.5, -2.25, 1e20, 1e-7, 123456789.125, -0.0, 3.0, 2.5e-300, 1.7976931348623157e308, None]


def simple_table() -> pa.Table:
    """A deterministic table of the scalar types whose csv/jsonl text the README fixes."""
    rng = np.random.default_rng(50)
    idx = np.arange(ROWS)
    base = datetime.datetime(2020, 1, 1)
    timestamps = [
        None if i % 11 == 5 else base + datetime.timedelta(days=int(i) * 3, seconds=int(i) * 7, microseconds=(int(i) % 4) * 125_000)
        for i in idx
    ]
    columns = {
        "idx": pa.array(idx, pa.int64()),
        "i32": pa.array([None if i % 7 == 3 else int(v) for i, v in zip(idx, rng.integers(-(2**31), 2**31 - 1, ROWS))], pa.int32()),
        "u64": pa.array([None if i % 13 == 0 else int(v) for i, v in zip(idx, rng.integers(0, 2**63, ROWS))] , pa.uint64()),
        "s": pa.array([_STRINGS[i % len(_STRINGS)] for i in idx], pa.string()),
        "f64": pa.array([_FLOATS[i % len(_FLOATS)] for i in idx], pa.float64()),
        "f32": pa.array([None if i % 5 == 0 else float(np.float32(v)) for i, v in zip(idx, rng.standard_normal(ROWS))], pa.float32()),
        "b": pa.array([None if i % 4 == 0 else bool(i % 3) for i in idx], pa.bool_()),
        "d": pa.array([None if i % 9 == 1 else datetime.date(1999, 12, 31) + datetime.timedelta(days=int(i) * 40) for i in idx], pa.date32()),
        "ts": pa.array(timestamps, pa.timestamp("us")),
        "bin": pa.array([None if i % 6 == 2 else bytes([int(i), 0, 255, 16]) for i in idx], pa.binary()),
        "name, with \"comma\"": pa.array([int(i) % 5 for i in idx], pa.int8()),
    }
    return pa.table(columns)


@pytest.fixture(scope="module", params=FORMATS)
def simple_file(request, tmp_path_factory) -> tuple[Path, pa.Table]:
    """The simple table written by pyarrow in ten batches, as a file and as a stream."""
    table = simple_table()
    path = tmp_path_factory.mktemp("cat") / f"simple.{EXTENSION[request.param]}"
    write_ipc(path, table.schema, split(table, BATCH_SIZE), request.param)
    return path, table


def parse_csv(stdout: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(stdout.decode("utf-8"), newline="")))


def parse_jsonl(stdout: bytes) -> list[dict]:
    lines = [line for line in stdout.decode("utf-8").split("\n") if line.strip()]
    return [json.loads(line) for line in lines]


# ---------------------------------------------------------------------------------------------
# Cell expectations (see README.md)


def _check_timestamp_text(text: str, expected: datetime.datetime, where: str) -> None:
    parsed = datetime.datetime.fromisoformat(text)
    if expected.tzinfo is None:
        assert parsed == expected, f"{where}: {text!r} is not {expected.isoformat(' ')}"
    else:  # the wall time in the column's zone, with its offset
        assert parsed.timestamp() == expected.timestamp(), f"{where}: {text!r} is not {expected.isoformat(' ')}"
        assert parsed.utcoffset() == expected.utcoffset(), f"{where}: {text!r} is not in the zone of {expected.isoformat(' ')}"


def check_csv_cell(t: pa.DataType, cell: str, value, where: str) -> None:
    if value is None:
        assert cell == "", f"{where}: null must be an empty field, got {cell!r}"
    elif pa.types.is_string(t):
        assert cell == value, f"{where}: expected {value!r}, got {cell!r}"
    elif pa.types.is_boolean(t):
        assert cell == ("true" if value else "false"), f"{where}: expected {value}, got {cell!r}"
    elif pa.types.is_integer(t):
        assert cell == str(value), f"{where}: expected {value}, got {cell!r}"
    elif pa.types.is_float32(t):
        assert np.float32(float(cell)) == np.float32(value), f"{where}: {cell!r} does not parse to float32 {value}"
    elif pa.types.is_floating(t):
        parsed = float(cell)
        assert parsed == value and math.copysign(1, parsed) == math.copysign(1, value), (
            f"{where}: {cell!r} does not parse to {value!r}"
        )
    elif pa.types.is_date(t):
        assert cell == value.isoformat(), f"{where}: expected {value.isoformat()}, got {cell!r}"
    elif pa.types.is_timestamp(t):
        _check_timestamp_text(cell, value, where)
    elif pa.types.is_binary(t):
        assert cell == value.hex(), f"{where}: binary must be lowercase hex {value.hex()}, got {cell!r}"
    else:
        raise NotImplementedError(t)


def check_json_value(t: pa.DataType, got, value, where: str) -> None:
    if value is None:
        assert got is None, f"{where}: null must be JSON null, got {got!r}"
    elif pa.types.is_string(t):
        assert got == value, f"{where}: expected {value!r}, got {got!r}"
    elif pa.types.is_boolean(t):
        assert got is value, f"{where}: expected JSON {str(value).lower()}, got {got!r}"
    elif pa.types.is_integer(t):
        assert type(got) is int and got == value, f"{where}: expected the JSON number {value}, got {got!r}"
    elif pa.types.is_floating(t):
        if math.isnan(value) or math.isinf(value):
            assert got is None or isinstance(got, str), f"{where}: {value} must be null or a string, got {got!r}"
        else:
            assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{where}: expected a number, got {got!r}"
            expected = np.float32(value) if pa.types.is_float32(t) else value
            actual = np.float32(got) if pa.types.is_float32(t) else float(got)
            assert actual == expected, f"{where}: {got!r} is not {value!r}"
    elif pa.types.is_date(t):
        assert got == value.isoformat(), f"{where}: expected {value.isoformat()!r}, got {got!r}"
    elif pa.types.is_timestamp(t):
        assert isinstance(got, str), f"{where}: a timestamp must be an ISO 8601 string, got {got!r}"
        _check_timestamp_text(got, value, where)
    elif pa.types.is_binary(t):
        assert got == value.hex(), f"{where}: binary must be a lowercase hex string {value.hex()!r}, got {got!r}"
    else:
        raise NotImplementedError(t)


# ---------------------------------------------------------------------------------------------
# Output formats


def test_cat_csv_matches_pyarrow(cli, simple_file):
    path, table = simple_file
    records = parse_csv(cli.ok("cat", path, "--output", "csv").stdout)
    assert records[0] == table.column_names, "the first csv record is the header of column names"
    assert len(records) == ROWS + 1, f"expected a header and {ROWS} records, got {len(records)} records"
    for r, record in enumerate(records[1:]):
        assert len(record) == table.num_columns, f"record {r}: {record}"
        for c, field in enumerate(table.schema):
            value = table.column(c)[r].as_py()
            check_csv_cell(field.type, record[c], value, f"row {r}, column {field.name!r}")


def test_cat_csv_quotes_as_rfc4180(cli, tmp_path):
    table = pa.table({"a": ["x,y", 'say "hi"', "two\nlines", "plain"], "b": [1, 2, 3, 4]})
    path = tmp_path / "quotes.arrow"
    write_ipc(path, table.schema, split(table, None), "file")
    text = cli.ok("cat", path, "--output", "csv").stdout.decode("utf-8").replace("\r\n", "\n")
    assert '"x,y",1' in text
    assert '"say ""hi""",2' in text
    assert '"two\nlines",3' in text
    assert parse_csv(text.encode())[1:] == [["x,y", "1"], ['say "hi"', "2"], ["two\nlines", "3"], ["plain", "4"]]


def test_cat_jsonl_matches_pyarrow(cli, simple_file):
    path, table = simple_file
    rows = parse_jsonl(cli.ok("cat", path, "--output", "jsonl").stdout)
    assert len(rows) == ROWS
    for r, row in enumerate(rows):
        assert list(row) == table.column_names, f"row {r}: keys {list(row)} are not the column names in order"
        for c, field in enumerate(table.schema):
            check_json_value(field.type, row[field.name], table.column(c)[r].as_py(), f"row {r}, column {field.name!r}")


def test_cat_jsonl_lines_are_single_objects(cli, simple_file):
    path, _ = simple_file
    lines = cli.ok("cat", path, "--output", "jsonl").stdout.decode("utf-8").rstrip("\n").split("\n")
    assert len(lines) == ROWS, "one line per row: newlines inside strings must be escaped"
    assert all(line.startswith("{") and line.endswith("}") for line in lines)


def test_cat_jsonl_special_floats(cli, tmp_path):
    values = [float("nan"), float("inf"), float("-inf"), 0.5, None]
    table = pa.table({"f": pa.array(values, pa.float64()), "g": pa.array(values, pa.float32())})
    path = tmp_path / "floats.arrows"
    write_ipc(path, table.schema, split(table, None), "stream")
    rows = parse_jsonl(cli.ok("cat", path, "--output", "jsonl").stdout)
    assert len(rows) == len(values)
    for r, row in enumerate(rows):
        check_json_value(pa.float64(), row["f"], values[r], f"row {r}, f")
        check_json_value(pa.float32(), row["g"], values[r], f"row {r}, g")


def _normalize(value, t: pa.DataType):
    """pyarrow's Python value as the README says it appears in JSON."""
    if value is None:
        return None
    if pa.types.is_struct(t):
        return {t.field(i).name: _normalize(value[t.field(i).name], t.field(i).type) for i in range(t.num_fields)}
    if pa.types.is_map(t):
        return [{"key": _normalize(k, t.key_type), "value": _normalize(v, t.item_type)} for k, v in value]
    if pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t):
        return [_normalize(v, t.value_type) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


NESTED = pa.schema(
    [
        ("list", pa.list_(pa.int32())),
        ("large_list", pa.large_list(pa.string())),
        ("fixed_size_list", pa.list_(pa.int8(), 2)),
        ("struct", pa.struct([("a", pa.int64()), ("b", pa.string()), ("c", pa.struct([("d", pa.bool_())]))])),
        ("map", pa.map_(pa.string(), pa.int32())),
        ("list_of_struct", pa.list_(pa.struct([("x", pa.int16()), ("y", pa.list_(pa.string()))]))),
        ("struct_of_binary", pa.struct([("raw", pa.binary()), ("day", pa.date32())])),
    ]
)


@pytest.mark.parametrize("fmt", FORMATS)
def test_cat_jsonl_nested_values(cli, tmp_path, fmt):
    table = pa.Table.from_batches([random_batch(NESTED, 60, np.random.default_rng(51), 0.25)])
    path = tmp_path / f"nested.{EXTENSION[fmt]}"
    write_ipc(path, table.schema, split(table, 16), fmt)
    rows = parse_jsonl(cli.ok("cat", path, "--output", "jsonl").stdout)
    assert len(rows) == table.num_rows
    expected = table.to_pylist()
    for r, (got, want) in enumerate(zip(rows, expected)):
        for field in NESTED:
            normalized = _normalize(want[field.name], field.type)
            assert got[field.name] == normalized, f"row {r}, column {field.name!r}: expected {normalized!r}, got {got[field.name]!r}"


@pytest.mark.parametrize("output", ["table", "csv", "jsonl"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_cat_prints_every_classic_type(cli, tmp_path, fmt, output):
    schema = pa.schema([f for f in classic_schema()])
    table = pa.Table.from_batches([random_batch(schema, 40, np.random.default_rng(52), 0.3)])
    path = tmp_path / f"classic.{EXTENSION[fmt]}"
    write_ipc(path, schema, split(table, 16), fmt)
    stdout = cli.ok("cat", path, "--output", output).stdout
    if output == "csv":
        records = parse_csv(stdout)
        assert records[0] == schema.names and len(records) == 41
    elif output == "jsonl":
        rows = parse_jsonl(stdout)
        assert len(rows) == 40 and all(list(row) == schema.names for row in rows)
    else:
        text = stdout.decode("utf-8")
        for name in schema.names:
            assert name in text, f"column {name!r} missing from the table output"


def test_cat_table_output_shows_values(cli, simple_file):
    # The aligned table is for people: its layout is free, but the names and values must be there.
    path, table = simple_file
    for args in [("cat", path), ("cat", path, "--output", "table")]:
        text = cli.ok(*args).stdout.decode("utf-8")
        for name in ["idx", "i32", "s", "f64", "b", "d", "ts"]:
            assert name in text, f"column {name!r} missing from the table output"
        for i in [1, 42, 96]:
            assert str(table.column("i32")[i].as_py()) in text
        assert "ünïcödé 中文 😀" in text
        assert "2020-01-01" in text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("output", ["csv", "jsonl"])
def test_cat_empty_sources(cli, tmp_path, fmt, output):
    schema = pa.schema([("a", pa.int32()), ("b", pa.string())])
    for name, batches in [("zero-batches", []), ("empty-batch", [pa.RecordBatch.from_pylist([], schema=schema)])]:
        path = tmp_path / f"{name}.{EXTENSION[fmt]}"
        write_ipc(path, schema, batches, fmt)
        stdout = cli.ok("cat", path, "--output", output).stdout
        if output == "csv":
            assert parse_csv(stdout) == [["a", "b"]], name
        else:
            assert parse_jsonl(stdout) == [], name


# ---------------------------------------------------------------------------------------------
# Selection


ROW_SPECS = ["5", "-1", "2:10", "0:100:5", "-10:", "1,4,9", "0", ":", "::7", "95:", ":3", "-3:-1", "9,10,11,19,20",
             "3,1,2", "50:200", "96", "-97", "10:10", "20:10", "1:8:3,90"]


def expected_rows(spec: str, n: int) -> list[int]:
    """Python-slice semantics over range(n), one comma-separated part after the other."""
    rows: list[int] = []
    for part in spec.split(","):
        if ":" in part:
            bounds = [int(b) if b else None for b in part.split(":")]
            rows.extend(range(n)[slice(*bounds)])
        else:
            rows.append(range(n)[int(part)])
    return rows


@pytest.mark.parametrize("spec", ROW_SPECS)
def test_cat_rows(cli, simple_file, spec):
    path, _ = simple_file
    rows = parse_jsonl(cli.ok("cat", path, "--rows", spec, "--output", "jsonl").stdout)
    assert [row["idx"] for row in rows] == expected_rows(spec, ROWS), f"--rows {spec}"


@pytest.mark.parametrize("spec", ["2:10", "-1", "1,4,9"])
def test_cat_rows_csv(cli, simple_file, spec):
    path, _ = simple_file
    records = parse_csv(cli.ok("cat", path, "--rows", spec, "--output", "csv").stdout)
    assert [int(record[0]) for record in records[1:]] == expected_rows(spec, ROWS)


@pytest.mark.parametrize(
    "spec, names",
    [
        ("idx", ["idx"]),
        ("s,idx", ["s", "idx"]),
        ("0,3", ["idx", "s"]),
        ("3,0", ["s", "idx"]),
        ("10", ['name, with "comma"']),
        ("ts,1,b", ["ts", "i32", "b"]),
        ("bin,d,f32", ["bin", "d", "f32"]),
    ],
)
def test_cat_columns(cli, simple_file, spec, names):
    path, table = simple_file
    rows = parse_jsonl(cli.ok("cat", path, "--columns", spec, "--output", "jsonl").stdout)
    assert len(rows) == ROWS
    for r, row in enumerate(rows):
        assert list(row) == names, f"--columns {spec}: keys {list(row)}"
        for name in names:
            field = table.schema.field(name)
            check_json_value(field.type, row[name], table.column(name)[r].as_py(), f"row {r}, column {name!r}")


def test_cat_columns_csv_header(cli, simple_file):
    path, _ = simple_file
    records = parse_csv(cli.ok("cat", path, "--columns", "f64,0", "--output", "csv").stdout)
    assert records[0] == ["f64", "idx"]
    assert [int(record[1]) for record in records[1:]] == list(range(ROWS))


@pytest.mark.parametrize("output", ["csv", "jsonl"])
def test_cat_rows_and_columns_together(cli, simple_file, output):
    path, table = simple_file
    stdout = cli.ok("cat", path, "--rows", "-10:", "--columns", "s,idx", "--output", output).stdout
    wanted = list(range(ROWS - 10, ROWS))
    if output == "jsonl":
        rows = parse_jsonl(stdout)
        assert [row["idx"] for row in rows] == wanted
        assert [row["s"] for row in rows] == [table.column("s")[i].as_py() for i in wanted]
    else:
        records = parse_csv(stdout)
        assert records[0] == ["s", "idx"]
        assert [int(record[1]) for record in records[1:]] == wanted


def test_cat_rows_out_of_range_is_an_error(cli, simple_file):
    path, _ = simple_file
    for spec in [str(ROWS), str(-ROWS - 1), "1,200"]:
        cli.fails("cat", path, "--rows", spec, "--output", "jsonl", code=(1, 2))


def test_cat_unknown_column_is_an_error(cli, simple_file):
    path, _ = simple_file
    for spec in ["nope", "idx,nope", "11", "0,99"]:
        cli.fails("cat", path, "--columns", spec, code=(1, 2))


def test_input_without_columns_prints_no_rows(cli):
    # 152 bytes claiming 2^60 rows and no columns (a regression input found by fuzzing): pyarrow
    # reads it as such, and cat counts the rows rather than looping over them.
    path = Path(__file__).resolve().parents[1] / "ArrowIPCTests" / "Regressions" / "no-columns-huge-row-count.arrows"
    table = pa.ipc.open_stream(path).read_all()
    assert (table.num_rows, table.num_columns) == (2**60, 0)
    assert cli.run("cat", path).stdout.decode().strip() == f"0 of {2**60} rows × 0 columns"
    for output in ("csv", "jsonl"):
        assert cli.run("cat", path, "--output", output).stdout.strip() == b""
    assert f"{2**60} rows" in cli.run("validate", path, "--full").stdout.decode()
