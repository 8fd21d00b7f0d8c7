"""What the library's export entry points write, read by pyarrow, equals the same data built in pyarrow.

The Swift suite writes the files (`Tests/ArrowIPCTests/ExportFixtureTests.swift`) into
`$ARROW_IPC_EXPORTS` — `scripts/test` sets it and runs the Swift suite first: values inferred from
Swift columns, rows and records (`RecordBatch(inferring:)`, `(inferringRows:)`,
`(inferringRecords:)`, unions), and one column per builder. Here pyarrow builds the same values
(`pa.array`, `pa.table`, `Table.from_pylist`) and both must agree: types where pyarrow infers
the same (its own inference), values everywhere, full validation.
"""

from __future__ import annotations

import datetime
import decimal
import os
import uuid
from pathlib import Path

import pyarrow as pa
import pytest

_HOW = ("set ARROW_IPC_EXPORTS to a folder and run `swift test --filter ExportFixtureTests` first; "
        "scripts/test does both")


@pytest.fixture(scope="module")
def exports() -> Path:
    folder = os.environ.get("ARROW_IPC_EXPORTS", "")
    if not folder or not (Path(folder) / "builders.arrow").is_file():
        pytest.fail(f"the Swift export fixtures are missing: {_HOW}", pytrace=False)
    return Path(folder)


def _read(path: Path) -> pa.Table:
    reader = pa.ipc.open_file(path) if path.suffix == ".arrow" else pa.ipc.open_stream(path)
    table = reader.read_all()
    table.validate(full=True)
    return table


UTC = datetime.timezone.utc
BASE = datetime.datetime.fromtimestamp(1_700_000_000.123456, UTC)


def test_inferred_columns_match_pyarrows_inference(exports):
    table = _read(exports / "inferred_columns.arrow")
    inferred_by_pyarrow = {
        "int": [1, -2, None, 2**63 - 1],
        "mixed": [1, 2.5, -3, 1e300],
        "text": ["a", None, "ünï", ""],
        "flag": [True, False, None, True],
        "when": [BASE, BASE + datetime.timedelta(days=1), BASE - datetime.timedelta(seconds=1e9), BASE],
        "bytes": [b"\x00\xff", b"", b"x", b"\x01"],
        "price": [decimal.Decimal("1.5"), decimal.Decimal("-12.25"), decimal.Decimal(100), decimal.Decimal("0.01")],
        "lists": [[1, 2], [], [3], [4, 5, 6]],
        "nested": [[[1.5]], [], [[], [2.0]], [[3.0]]],
        "nothing": [None, None, None, None],
    }
    for name, values in inferred_by_pyarrow.items():
        expected = pa.array(values)
        column = table.column(name).combine_chunks()
        assert column.type == expected.type, f"{name}: {column.type} is not pyarrow's {expected.type}"
        assert column.equals(expected.cast(column.type)), f"{name}: {column.to_pylist()} != {values}"
    # pyarrow's inference stops at int64 (OverflowError past it), infers dicts as structs and
    # has no UUID inference: build these with our types.
    assert table.column("big").combine_chunks().equals(pa.array([2**64 - 1, 0, 7, 1], pa.uint64()))
    maps = pa.array([[("a", 1), ("b", 2)], [], [("c", 3)], [("z", -1)]], pa.map_(pa.string(), pa.int64()))
    assert table.column("maps").combine_chunks().equals(maps)
    ids = [uuid.UUID("12345678-1234-5678-1234-567812345678"), uuid.UUID(int=1), uuid.UUID(int=2**128 - 1),
           uuid.UUID("12345678-1234-5678-1234-567812345678")]
    assert table.column("ids").type == pa.uuid()
    assert table.column("ids").to_pylist() == ids


def test_inferred_rows_and_records_match_from_pylist(exports):
    rows = _read(exports / "inferred_rows.arrows")
    expected_rows = pa.Table.from_pylist([
        {"Column1": 1, "Column2": "a", "Column3": 0.5},
        {"Column1": 2, "Column2": "b", "Column3": None},
        {"Column1": 3, "Column2": None, "Column3": 2},
    ])
    assert rows.equals(expected_rows), f"{rows} != {expected_rows}"

    records = _read(exports / "inferred_records.arrow")
    assert records.column_names == ["name", "area", "tags", "founded", "place"]
    expected = pa.Table.from_pylist([
        {"name": "Oslo", "area": 454.0, "tags": ["north"]},
        {"name": "Lima", "founded": datetime.date(1970, 1, 1) + datetime.timedelta(days=-157_000)},
        {"area": 96, "place": {"lat": -12.0, "lon": None}},
    ], schema=records.schema)
    assert records.equals(expected), f"{records.to_pylist()} != {expected.to_pylist()}"
    assert records.schema.field("area").type == pa.float64() and records.schema.field("founded").type == pa.date32()


def test_unions_keep_every_kind(exports):
    table = _read(exports / "inferred_unions.arrow")
    column = table.column("any").combine_chunks()
    assert pa.types.is_union(column.type) and column.type.mode == "dense"
    assert [column.type.field(i).type for i in range(column.type.num_fields)] == [pa.float64(), pa.string(), pa.bool_()]
    assert column.to_pylist() == [1.0, "two", 3.5, True, None]


def test_every_builder(exports):
    table = _read(exports / "builders.arrow")
    expected = {
        "i8": pa.array([-128, None, 127, 0], pa.int8()),
        "u32": pa.array([2**32 - 1, 0, None, 7], pa.uint32()),
        "f16": pa.array([1.5, None, -0.25, 2.0], pa.float32()).cast(pa.float16()),
        "f32": pa.array([0.1, 3.0, None, 2.0], pa.float32()),
        "d32": pa.array([decimal.Decimal("12.00"), decimal.Decimal("-12345.67"), None, decimal.Decimal(0)], pa.decimal32(9, 2)),
        "d256": pa.array([decimal.Decimal(-1), None, decimal.Decimal(5), decimal.Decimal(2**60)], pa.decimal256(76, 10)),
        "date64": pa.array([19_000 * 86_400_000, 0, None, -86_400_000], pa.int64()).cast(pa.date64()),
        "time": pa.array([1_000_000_000, 5_000, None, 0], pa.int64()).cast(pa.time64("ns")),
        "ts": pa.array([1_700_000_000, 86_400, None, 5], pa.int64()).cast(pa.timestamp("s", tz="America/New_York")),
        "dur": pa.array([3_000, None, 7, -1], pa.duration("ms")),
        "mdn": pa.array([pa.scalar((1, 2, 3), pa.month_day_nano_interval()).as_py(), None, None, None], pa.month_day_nano_interval()),
        "large_text": pa.array(["x", None, "long " * 5, ""], pa.large_string()),
        "view": pa.array(["short", "a string longer than twelve", None, ""], pa.string_view()),
        "bin_view": pa.array([b"\x01\x02", b"\x09" * 20, None, b"s"], pa.binary_view()),
        "fsb": pa.array([b"\x01\x02\x03", None, b"\x00\x00\x00", b"\xff\xff\xff"], pa.binary(3)),
        "large_list": pa.array([[1, None], [], None, [-5]], pa.large_list(pa.int16())),
        "list_view": pa.array([["a"], None, [], ["b", "c"]], pa.list_view(pa.string())),
        "fixed_list": pa.array([[1.0, 2.0], None, [3.0, None], [0.0, 0.0]], pa.list_(pa.float64(), 2)),
        "struct": pa.array([{"a": 1, "b": "x"}, None, {"a": None, "b": "y"}, {"a": 2, "b": None}],
                           pa.struct([("a", pa.int32()), ("b", pa.string())])),
        "map": pa.array([[("k", 1)], None, [], [("a", None)]], pa.map_(pa.string(), pa.int64())),
        "dict": pa.array(["red", "blue", None, "red"]).dictionary_encode().cast(pa.dictionary(pa.int16(), pa.string())),
        "ree": pa.array([1.0, 1.0, None, 2.0]),
    }
    for name, want in expected.items():
        got = table.column(name).combine_chunks()
        if name == "ree":
            assert got.type == pa.run_end_encoded(pa.int32(), pa.float64())
            assert got.run_ends.to_pylist() == [2, 3, 4], "equal neighbours share a run"
            assert table.column(name).to_pylist() == want.to_pylist()
            continue
        assert got.type == want.type, f"{name}: {got.type} is not {want.type}"
        assert got.to_pylist() == want.to_pylist(), f"{name}: {got.to_pylist()} != {want.to_pylist()}"
    assert table.column("sparse").to_pylist() == [1, "x", None, 2]
    assert table.column("dense").to_pylist() == [1.0, "x", None, "y"]
    assert table.column("dict").combine_chunks().dictionary.to_pylist() == ["red", "blue"], "each value stored once"
    assert table.column("uuid").to_pylist() == [uuid.UUID("12345678-1234-5678-1234-567812345678"), None, uuid.UUID(int=0), None]
    assert table.column("bool8").to_pylist() == [True, False, None, True]


def test_codable_records_match_from_pylist(exports):
    """ArrowEncoder's batch of Codable structs equals pyarrow's Table.from_pylist of the same
    records with the types the encoder documents (a Swift `Int32` is int32, `Date` µs in UTC,
    a String enum dictionary-encoded, a `[String: Int]` a map with sorted keys)."""
    table = _read(exports / "codable.arrow")
    fill = pa.struct([pa.field("qty", pa.int32(), nullable=False), pa.field("price", pa.float64())])
    entries = pa.map_(pa.field("key", pa.string(), nullable=False), pa.field("value", pa.int64(), nullable=False))
    schema = pa.schema([
        pa.field("trade_time", pa.timestamp("us", tz="UTC"), nullable=False),
        pa.field("symbol", pa.string(), nullable=False),
        pa.field("price", pa.float64(), nullable=False),
        pa.field("qty", pa.int32(), nullable=False),
        pa.field("side", pa.dictionary(pa.int32(), pa.string()), nullable=False),
        pa.field("venue", pa.string()),
        pa.field("fee", pa.decimal128(38, 2)),
        pa.field("order_id", pa.uuid(), nullable=False),
        pa.field("fills", pa.list_(pa.field("item", fill, nullable=False)), nullable=False),
        pa.field("limits", entries, nullable=False),
        pa.field("payload", pa.binary()),
    ])
    expected = pa.Table.from_pylist([
        {"trade_time": datetime.datetime(2024, 3, 1, 9, 30, 0, 123456, UTC), "symbol": "AAPL", "price": 189.5, "qty": 100,
         "side": "buy", "venue": "XNAS", "fee": decimal.Decimal("0.25"), "order_id": uuid.UUID(int=1).bytes,
         "fills": [{"qty": 60, "price": 189.5}, {"qty": 40, "price": None}], "limits": [("max", 1000), ("min", 1)],
         "payload": b"\x00\xff"},
        {"trade_time": datetime.datetime(1969, 12, 31, 23, 59, 59, 500000, UTC), "symbol": "ÜNÏ", "price": -0.5, "qty": -5,
         "side": "sell", "venue": None, "fee": decimal.Decimal("-1.50"), "order_id": uuid.UUID(int=2**128 - 1).bytes,
         "fills": [], "limits": [], "payload": None},
    ], schema=schema)
    assert table.schema.equals(expected.schema), f"{table.schema} != {expected.schema}"
    assert table.equals(expected), f"{table.to_pylist()} != {expected.to_pylist()}"
