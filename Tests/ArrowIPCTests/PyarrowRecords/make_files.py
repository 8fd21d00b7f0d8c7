"""Writes records.arrow beside this script: a file as pandas and pyarrow users write it, which
CodableInteropTests.swift decodes into Codable types (ArrowDecoder).

Run from anywhere with a Python that has pyarrow (the interop suite's .venv has it):
    .venv/bin/python Tests/ArrowIPCTests/PyarrowRecords/make_files.py
The file is deterministic; CodableInteropTests.swift spells out the values it holds.
"""

import datetime
import decimal
import uuid
from pathlib import Path

import pyarrow as pa

HERE = Path(__file__).resolve().parent
UTC = datetime.timezone.utc


def records() -> pa.Table:
    """Three rows in the layouts pandas and pyarrow choose (large strings, nanosecond
    timestamps, dictionary-encoded categories, int8 counts), snake_case names, nested columns,
    a null in every nullable column, and one column no Swift type asks for."""
    n = None
    times = [datetime.datetime(2024, 3, 1, 9, 30, 0, 123456, UTC), datetime.datetime(2024, 3, 1, 9, 30, 1, tzinfo=UTC),
             datetime.datetime(1969, 12, 31, 23, 59, 59, 500000, UTC)]
    return pa.table({
        "trade_time": pa.array(times, pa.timestamp("ns", tz="UTC")),
        "symbol": pa.array(["AAPL", "MSFT", "ÜNÏ"], pa.large_string()),
        "price": pa.array([189.5, 370.25, -0.5], pa.float64()),
        "qty": pa.array([100, -5, 7], pa.int8()),
        "side": pa.array(["buy", "sell", "buy"]).dictionary_encode(),
        "venue": pa.array(["XNAS", n, "XNYS"], pa.string_view()),
        "fee": pa.array([decimal.Decimal("0.25"), n, decimal.Decimal("-1.50")], pa.decimal128(10, 2)),
        "order_id": pa.array([uuid.UUID(int=1).bytes, uuid.UUID("12345678-1234-5678-1234-567812345678").bytes, uuid.UUID(int=2**128 - 1).bytes],
                             pa.uuid()),
        "tags": pa.array([["a", "b"], [], n], pa.list_(pa.large_string())),
        "fills": pa.array([[{"qty": 60, "at": 189.5}, {"qty": 40, "at": 189.25}], [], [{"qty": 7, "at": n}]],
                          pa.list_(pa.struct([("qty", pa.int32()), ("at", pa.float32())]))),
        "limits": pa.array([[("max", 1000), ("min", 1)], n, []], pa.map_(pa.string(), pa.int64())),
        "settle_date": pa.array([datetime.date(2024, 3, 4), datetime.date(2024, 3, 4), n], pa.date32()),
        "payload": pa.array([b"\x00\xff", b"", n], pa.large_binary()),
        "ignored_extra": pa.array([1, 2, 3], pa.int64()),
    })


if __name__ == "__main__":
    with pa.OSFile(str(HERE / "records.arrow"), "wb") as sink:
        table = records()
        with pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
