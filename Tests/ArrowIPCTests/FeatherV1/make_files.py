"""Writes the Feather V1 files beside this script, which FeatherV1Tests.swift reads.

Run from anywhere with a Python that has pyarrow (the interop suite's .venv has it):
    .venv/bin/python Tests/ArrowIPCTests/FeatherV1/make_files.py
The files are deterministic; FeatherV1Tests.swift spells out the values they hold.
"""

import datetime
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.feather as feather

HERE = Path(__file__).resolve().parent
warnings.simplefilter("ignore", DeprecationWarning)  # V1 is deprecated in pyarrow, which is why we read it


def every_type() -> pa.Table:
    """Five rows of every type pyarrow writes as V1, each column with a null."""
    n = None
    day = datetime.date(2024, 2, 29)
    moment = datetime.datetime(2024, 2, 29, 12, 34, 56, 789000)
    codes = [0, 2, n, 1, 0]
    return pa.table({
        "bool": pa.array([True, False, n, True, False]),
        "i8": pa.array([-128, 127, n, 0, -1], pa.int8()),
        "i16": pa.array([-32768, 32767, n, 0, -1], pa.int16()),
        "i32": pa.array([-(2**31), 2**31 - 1, n, 0, -1], pa.int32()),
        "i64": pa.array([-(2**63), 2**63 - 1, n, 0, -1], pa.int64()),
        "u8": pa.array([0, 255, n, 1, 2], pa.uint8()),
        "u16": pa.array([0, 65535, n, 1, 2], pa.uint16()),
        "u32": pa.array([0, 2**32 - 1, n, 1, 2], pa.uint32()),
        "u64": pa.array([0, 2**64 - 1, n, 1, 2], pa.uint64()),
        "f32": pa.array([1.5, -0.25, n, 3.0e38, 0.0], pa.float32()),
        "f64": pa.array([1.5, -0.25, n, 1e300, -0.0], pa.float64()),
        "utf8": pa.array(["", "héllo", n, "☃", "abc"]),
        "large_utf8": pa.array(["x", n, "yy", "", "zzz"], pa.large_string()),
        "binary": pa.array([b"\x00\x01", b"", n, b"\xff", b"ab"]),
        "large_binary": pa.array([n, b"q", b"", b"\x80\x81", b"z"], pa.large_binary()),
        "date32": pa.array([day, n, datetime.date(1970, 1, 1), datetime.date(1969, 12, 31), day], pa.date32()),
        "time_s": pa.array([0, 86399, n, 3600, 1], pa.time32("s")),
        "time_ms": pa.array([0, 86399999, n, 3600000, 1], pa.time32("ms")),
        "ts_ms": pa.array([moment, n, datetime.datetime(1970, 1, 1), moment, moment], pa.timestamp("ms")),
        "ts_ns_tz": pa.array([0, 1, n, -1, 1_700_000_000_123_456_789], pa.timestamp("ns", tz="Asia/Tokyo")),
        "ts_s_utc": pa.array([0, 1, n, -1, 86400], pa.timestamp("s", tz="UTC")),
        "ts_us": pa.array([0, 1, n, -1, 86400_000_000], pa.timestamp("us")),
        "cat": pa.DictionaryArray.from_arrays(pa.array(codes, pa.int32()), pa.array(["red", "green", "blue"])),
        "cat_ordered_i8": pa.DictionaryArray.from_arrays(
            pa.array(codes, pa.int8()), pa.array(["lo", "mid", "hi"]), ordered=True),
        "cat_u16_double": pa.DictionaryArray.from_arrays(pa.array(codes, pa.uint16()), pa.array([0.5, n, 2.5])),
        "null": pa.array([n] * 5, pa.null()),
    })


feather.write_feather(every_type(), str(HERE / "every-type.feather"), version=1)
feather.write_feather(every_type().slice(0, 0), str(HERE / "zero-rows.feather"), version=1)
feather.write_feather(pa.table({}), str(HERE / "no-columns.feather"), version=1)
