"""`arrow-ipc convert` from CSV, TSV, JSON Lines and JSON (issue 13, section 5).

- CSV: what we write from a CSV equals `pyarrow.csv.read_csv` of it, read with our null rules
  (empty, `null`, `NULL`; a quoted field is never null). Types match pyarrow's inference except
  where we choose otherwise, on purpose: a timestamp's unit follows its fraction digits (none:
  s, up to 3: ms, up to 6: us, more: ns; pyarrow takes ns for any fraction), so those columns
  are compared after casting pyarrow's to our unit; `nan` and `inf` are numbers (pyarrow's
  default null spellings include `nan`, `NaN`, `NA`, `N/A`, …, which we read as values).
- polars reads what we convert from CSV, equal to pyarrow's reading of the same file.
- JSON Lines: equal to `pyarrow.json.read_json` for numbers, booleans, strings, nested objects
  and lists, nulls and missing keys. Where we differ on purpose: strings that are all ISO 8601
  dates become date32 (pyarrow: timestamp[s]) and timestamps with a fraction or an offset
  become timestamps of the fraction's unit, in UTC for offsets (pyarrow: strings).
- Round trip: `arrow-ipc cat --output csv|jsonl` of a file, converted back, equals the file, for
  every type text carries (int64, double, bool, string, date32, timestamps of each unit, naive
  and UTC, null columns; lists and structs in JSON Lines; any type with --cast).
- Bad input ends with exit 1, a message naming line and column, and no output file.
"""

from __future__ import annotations

import datetime
import io
import json
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.json as pajson
import pytest

from interop_support import read_ipc

OUR_NULLS = pacsv.ConvertOptions(
    null_values=["", "null", "NULL"], strings_can_be_null=True, quoted_strings_can_be_null=False
)

WORDS = ["alpha", "béta", "γάμμα", "", "comma, here", 'say "hi"', "line\nbreak", "crlf\r\nx", "😀", " padded ", "NA", "nan?"]


def random_table(seed: int, rows: int) -> pa.Table:
    """A table of the types CSV text carries, with nulls in every column."""
    rng = np.random.default_rng(seed)

    def nulls(values, fraction=0.15):
        return [None if m else v for v, m in zip(values, rng.random(len(values)) < fraction)]

    base = datetime.datetime(2000, 1, 1)
    seconds = rng.integers(0, 40 * 365 * 86400, rows).tolist()
    micros = rng.integers(0, 10**6, rows).tolist()
    return pa.table({
        "i64": pa.array(nulls(rng.integers(-(10**15), 10**15, rows).tolist()), pa.int64()),
        "f64": pa.array(nulls((rng.standard_normal(rows) * 10.0 ** rng.integers(-8, 12, rows)).tolist()), pa.float64()),
        "flag": pa.array(nulls((rng.random(rows) < 0.5).tolist()), pa.bool_()),
        "text": pa.array(nulls([WORDS[i] for i in rng.integers(0, len(WORDS), rows)]), pa.string()),
        "day": pa.array(nulls([(base + datetime.timedelta(seconds=s)).date() for s in seconds]), pa.date32()),
        "ts_s": pa.array(nulls([base + datetime.timedelta(seconds=s) for s in seconds]), pa.timestamp("s")),
        "ts_ms": pa.array(nulls([base + datetime.timedelta(seconds=s, milliseconds=u // 1000) for s, u in zip(seconds, micros)]),
                          pa.timestamp("ms")),
        "ts_us": pa.array(nulls([base + datetime.timedelta(seconds=s, microseconds=u) for s, u in zip(seconds, micros)]),
                          pa.timestamp("us")),
        "ts_utc": pa.array(nulls([base + datetime.timedelta(seconds=s) for s in seconds]), pa.timestamp("ms", tz="UTC")),
        "empty": pa.nulls(rows, pa.null()),
    })


def write_csv(table: pa.Table, path: Path, **options) -> None:
    pacsv.write_csv(table, str(path), pacsv.WriteOptions(**options))


def converted(cli, source: Path, tmp_path: Path, *args: object) -> pa.Table:
    output = tmp_path / (source.stem + ".arrow")
    cli.ok("convert", source, output, *args)
    return read_ipc(output).table


def cast_like(expected: pa.Table, actual: pa.Table) -> pa.Table:
    """`expected` with each column cast to `actual`'s type (for the units we choose otherwise)."""
    return pa.table({name: expected[name].cast(actual.schema.field(name).type) for name in expected.column_names})


# ---------------------------------------------------------------------------------------------
# CSV against pyarrow.csv.read_csv


@pytest.mark.parametrize("seed", [1, 2])
def test_csv_equals_pyarrow_read_csv(cli, tmp_path, seed):
    table = random_table(seed, 3000)
    source = tmp_path / "data.csv"
    write_csv(table, source)
    ours = converted(cli, source, tmp_path, "--batch-rows", "1000")
    theirs = pacsv.read_csv(source, convert_options=OUR_NULLS)
    assert ours.column_names == theirs.column_names
    expected_types = {
        "i64": pa.int64(), "f64": pa.float64(), "flag": pa.bool_(), "text": pa.string(), "day": pa.date32(),
        "ts_s": pa.timestamp("s"), "ts_ms": pa.timestamp("ms"), "ts_us": pa.timestamp("us"),
        "ts_utc": pa.timestamp("ms", tz="UTC"), "empty": pa.null(),
    }
    assert {f.name: f.type for f in ours.schema} == expected_types
    # pyarrow reads the same types but ns for timestamps with a fraction (and UTC text as UTC).
    for name in ("i64", "f64", "flag", "text", "day", "ts_s", "empty"):
        assert theirs.schema.field(name).type == expected_types[name], name
    assert ours.equals(cast_like(theirs, ours))
    assert ours.equals(table)


def test_csv_quoting_line_ends_and_bom(cli, tmp_path):
    text = '\ufeffid,note\r\n1,"two\r\nlines"\r\n2,"a ""quote"""\r\n3,plain\r\n'
    source = tmp_path / "quoted.csv"
    source.write_bytes(text.encode())
    ours = converted(cli, source, tmp_path)
    theirs = pacsv.read_csv(source, convert_options=OUR_NULLS)
    assert ours.equals(theirs)
    assert ours.column("note").to_pylist() == ["two\r\nlines", 'a "quote"', "plain"]


def test_tsv_no_header_and_delimiter(cli, tmp_path):
    table = random_table(3, 500).select(["i64", "text", "day"])
    tsv = tmp_path / "data.tsv"
    write_csv(table.set_column(1, "text", pa.compute.replace_substring(table["text"], "\t", " ")), tsv,
              delimiter="\t", include_header=False)
    ours = converted(cli, tsv, tmp_path, "--no-header")
    theirs = pacsv.read_csv(tsv, read_options=pacsv.ReadOptions(autogenerate_column_names=True),
                            parse_options=pacsv.ParseOptions(delimiter="\t"), convert_options=OUR_NULLS)
    assert ours.column_names == ["Column1", "Column2", "Column3"]
    assert ours.rename_columns(theirs.column_names).equals(theirs)
    semicolons = tmp_path / "semi.txt"
    semicolons.write_text('a;b\n1;"x;y"\n')
    ours = converted(cli, semicolons, tmp_path, "--input-format", "csv", "--delimiter", ";")
    assert ours.to_pylist() == [{"a": 1, "b": "x;y"}]


def test_polars_reads_our_csv_conversions(cli, tmp_path):
    table = random_table(4, 2000)
    source = tmp_path / "data.csv"
    write_csv(table, source)
    output = tmp_path / "data.arrow"
    cli.ok("convert", source, output, "--compression", "zstd")
    frame = pl.read_ipc(output)
    assert frame.equals(pl.from_arrow(read_ipc(output).table))
    # polars' own CSV reader agrees on the numbers, booleans and text.
    theirs = pl.read_csv(source, null_values=["", "null", "NULL"], columns=["i64", "f64", "flag"])
    assert frame.select(["i64", "f64", "flag"]).equals(theirs)


# ---------------------------------------------------------------------------------------------
# JSON Lines against pyarrow.json.read_json


def json_records(seed: int, rows: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    records = []
    for i in range(rows):
        record = {
            "id": int(rng.integers(-(10**12), 10**12)),
            "score": float(rng.standard_normal()),
            "ok": bool(rng.random() < 0.5),
            "name": WORDS[int(rng.integers(0, len(WORDS)))],
            "tags": [WORDS[int(j)] for j in rng.integers(0, len(WORDS), int(rng.integers(0, 4)))],
            "point": {"x": int(rng.integers(0, 100)), "y": float(rng.random()), "label": None if i % 3 else "p"},
            "nested": [{"k": int(j)} for j in range(int(rng.integers(0, 3)))],
        }
        for key in list(record):
            if rng.random() < 0.1:
                record[key] = None
            elif rng.random() < 0.05:
                del record[key]
        records.append(record)
    records[0]["score"] = 1.0  # an integer-valued float, written 1.0
    return records


def test_jsonl_equals_pyarrow_read_json(cli, tmp_path):
    records = json_records(5, 2500)
    source = tmp_path / "data.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=i % 2 == 0) for i, r in enumerate(records)) + "\n")
    ours = converted(cli, source, tmp_path, "--batch-rows", "1000")
    theirs = pajson.read_json(source)
    assert ours.schema == theirs.schema
    assert ours.equals(theirs)
    # The same records as one JSON array.
    array = tmp_path / "data.json"
    array.write_text(json.dumps(records, indent=1))
    assert converted(cli, array, tmp_path).equals(theirs)


def test_json_dates_and_timestamps(cli, tmp_path):
    source = tmp_path / "times.jsonl"
    source.write_text(
        '{"d": "2024-03-01", "t": "2024-03-01 09:30:00", "f": "2024-03-01T09:30:00.250", "z": "2024-03-01T09:30:00+01:00"}\n'
        '{"d": null, "t": "2024-03-02T00:00:00", "f": "2024-03-01 10:00:00.5", "z": "2024-03-01 08:00:00Z"}\n'
    )
    ours = converted(cli, source, tmp_path)
    assert ours.schema == pa.schema([("d", pa.date32()), ("t", pa.timestamp("s")), ("f", pa.timestamp("ms")),
                                     ("z", pa.timestamp("s", tz="UTC"))])
    theirs = pajson.read_json(source)
    # pyarrow reads dates and second timestamps as timestamp[s]: the same days and instants.
    assert ours["d"].equals(theirs["d"].cast(pa.date32()))
    assert ours["t"].equals(theirs["t"])
    assert ours["f"].to_pylist() == [datetime.datetime(2024, 3, 1, 9, 30, 0, 250000), datetime.datetime(2024, 3, 1, 10, 0, 0, 500000)]
    utc = datetime.timezone.utc
    assert ours["z"].to_pylist() == [datetime.datetime(2024, 3, 1, 8, 30, tzinfo=utc), datetime.datetime(2024, 3, 1, 8, 0, tzinfo=utc)]


# ---------------------------------------------------------------------------------------------
# Round trips through cat


def write_arrow(table: pa.Table, path: Path) -> None:
    with pa.ipc.new_file(str(path), table.schema) as writer:
        writer.write_table(table, max_chunksize=700)


@pytest.mark.parametrize("output", ["csv", "jsonl"])
def test_cat_output_converts_back_equal(cli, tmp_path, output):
    table = random_table(6, 2000)
    if output == "jsonl":
        # JSON has no NaN or infinities (cat writes them as null); the rest goes both ways.
        table = table.set_column(1, "f64", pa.array([None if v is not None and not math.isfinite(v) else v
                                                     for v in table["f64"].to_pylist()], pa.float64()))
        table = table.append_column("list", pa.array([[1, 2], None, [], [None, 3]] * 500, pa.list_(pa.int64())))
        table = table.append_column("record", pa.array([{"a": 1, "b": "x"}, None, {"a": None, "b": "é"}, {"a": 4, "b": None}] * 500,
                                                       pa.struct([("a", pa.int64()), ("b", pa.string())])))
    else:
        table = table.set_column(1, "f64", pa.array(table["f64"].to_pylist()[:-3] + [math.nan, math.inf, -0.0], pa.float64()))
    source = tmp_path / "source.arrow"
    write_arrow(table, source)
    text = cli.ok("cat", source, "--output", output).stdout
    path = tmp_path / f"text.{output}"
    path.write_bytes(text)
    back = converted(cli, path, tmp_path)
    assert back.schema == table.schema
    if output == "csv":
        left, right = back["f64"].to_pylist(), table["f64"].to_pylist()
        assert math.isnan(left[-3]) and math.isnan(right[-3]) and math.copysign(1, left[-1]) == -1
        keep = [name for name in table.column_names if name != "f64"]
        assert back.select(keep).equals(table.select(keep))
        assert left[:-3] == right[:-3] and left[-2:] == right[-2:]
    else:
        assert back.equals(table)


def test_cast_carries_every_other_type_back(cli, tmp_path):
    table = pa.table({
        "small": pa.array([1, -128, None, 127], pa.int8()),
        "unsigned": pa.array([0, 65535, 7, None], pa.uint16()),
        "single": pa.array([1.5, None, 3.4028234663852886e38, 1e-45], pa.float32()),
        "money": pa.array([None, Decimal("12.50"), Decimal("-0.01"), Decimal("99999999.99")], pa.decimal128(10, 2)),
        "ms_day": pa.array([datetime.date(2024, 3, 1), None, datetime.date(1969, 12, 31), datetime.date(2000, 2, 29)], pa.date64()),
        "big": pa.array(["x", None, "", "y"], pa.large_string()),
        "zoned": pa.array([datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.timezone.utc), None,
                           datetime.datetime(2024, 7, 1, 12, 0, tzinfo=datetime.timezone.utc),
                           datetime.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=datetime.timezone.utc)],
                          pa.timestamp("us", tz="America/New_York")),
    })
    source = tmp_path / "source.arrow"
    write_arrow(table, source)
    casts = ",".join(f"{field.name}:{field.type}" for field in table.schema)
    for output in ("csv", "jsonl"):
        path = tmp_path / f"text.{output}"
        path.write_bytes(cli.ok("cat", source, "--output", output).stdout)
        back = converted(cli, path, tmp_path, "--cast", casts)
        assert back.equals(table), output


# ---------------------------------------------------------------------------------------------
# Batches, standard input, widening, options


def test_batches_stdin_and_compression(cli, tmp_path):
    rows = "\n".join(f"{i},{i * 0.5},w{i}" for i in range(2500))
    data = ("a,b,c\n" + rows + "\n").encode()
    output = tmp_path / "out.arrows"
    cli.ok("convert", "-", output, "--input-format", "csv", "--batch-rows", "1000", "--compression", "lz4", stdin=data)
    contents = read_ipc(output)
    assert contents.format == "stream"
    assert [b.num_rows for b in contents.batches] == [1000, 1000, 500]
    assert contents.table.equals(pacsv.read_csv(io.BytesIO(data)))
    # Standard output too.
    streamed = cli.ok("convert", "-", "-", "--input-format", "jsonl", stdin=b'{"a": 1}\n{"a": 2}\n').stdout
    assert pa.ipc.open_stream(streamed).read_all().to_pylist() == [{"a": 1}, {"a": 2}]


def test_widen(cli, tmp_path):
    source = tmp_path / "late.csv"
    source.write_text("n,e\n1,\n2,\n2.5,x\n")
    output = tmp_path / "late.arrow"
    proc = cli.fails("convert", source, output, "--batch-rows", "2", code=1)
    assert b"line 4, column 1 ('n')" in proc.stderr
    assert not output.exists()
    table = converted(cli, source, tmp_path, "--batch-rows", "2", "--widen")
    assert table.schema == pa.schema([("n", pa.float64()), ("e", pa.string())])
    assert table.to_pylist() == [{"n": 1.0, "e": None}, {"n": 2.0, "e": None}, {"n": 2.5, "e": "x"}]
    jsonl = tmp_path / "late.jsonl"
    jsonl.write_text('{"a": 1}\n{"a": 2, "b": [1]}\n')
    assert converted(cli, jsonl, tmp_path, "--batch-rows", "1", "--widen").to_pylist() == [{"a": 1, "b": None}, {"a": 2, "b": [1]}]
    big = tmp_path / "big.csv"
    big.write_text("n\n9007199254740993\n0.5\n")
    proc = cli.fails("convert", big, tmp_path / "big.arrow", "--batch-rows", "1", "--widen", code=1)
    assert b"9007199254740993" in proc.stderr


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("ragged.csv", b"a,b\n1,2\n3\n", b"line 3, column 1: the record ends after 1 field, the header has 2"),
        ("quote.csv", b'a,b\n1,"open\nmore\n', b"line 2, column 2: a quoted field is not closed"),
        ("utf8.csv", b"a,b\n1,\xff\n", b"line 2, column 2 ('b'): invalid UTF-8"),
        ("late.csv", b"a\n1\nx\n", None),
        ("syntax.jsonl", b'{"a": 1}\n{"a": }\n', b"line 2, column 7: expected a value"),
        ("utf8.jsonl", b'{"a": "\xc3("}\n', b"line 1, column 8: invalid UTF-8"),
        ("array.json", b'[{"a": 1} {"a": 2}]', b"line 1, column 11: expected ',' or ']'"),
        ("conflict.jsonl", b'{"a": 1}\n{"a": "x"}\n', b"line 2, key 'a'"),
    ],
)
def test_bad_input_names_line_and_column_and_leaves_no_file(cli, tmp_path, name, content, message):
    source = tmp_path / name
    source.write_bytes(content)
    output = tmp_path / "out.arrow"
    proc = cli.fails("convert", source, output, *(["--batch-rows", "1"] if name == "late.csv" else []), code=1)
    assert b"invalid input: line" in proc.stderr
    if message:
        assert message in proc.stderr, proc.stderr
    assert not output.exists()
    assert not [p for p in tmp_path.iterdir() if p.name not in {name}]


def test_usage_errors(cli, tmp_path):
    source = tmp_path / "a.csv"
    source.write_text("a\n1\n")
    assert b"no column named 'b'" in cli.fails("convert", source, tmp_path / "o.arrow", "--cast", "b:int8", code=2).stderr
    arrow = tmp_path / "a.arrow"
    cli.ok("convert", source, arrow)
    assert b"--delimiter applies to" in cli.fails("convert", arrow, tmp_path / "o.arrow", "--delimiter", ";", code=2).stderr
    assert b"--no-header applies to CSV" in cli.fails("convert", tmp_path / "x.jsonl", tmp_path / "o.arrow", "--no-header", code=2).stderr
    assert b"--delimiter must be one" in cli.fails("convert", source, tmp_path / "o.arrow", "--delimiter", "ab", code=2).stderr
    assert b"--batch-rows must be at least 1" in cli.fails("convert", source, tmp_path / "o.arrow", "--batch-rows", "0", code=2).stderr
