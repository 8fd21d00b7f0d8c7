"""`arrow-ipc convert --cast`: casts equal to `pyarrow.compute.cast(..., safe=True)`.

For every pair of types pyarrow casts between (of the sources and targets below), pyarrow casts
each value of the source on its own, as a one-value array; then

- `arrow-ipc convert --cast --lenient` must give pyarrow's value on every row pyarrow converts
  and null on exactly the rows where it fails;
- `arrow-ipc convert --cast` (strict) must succeed with the same values where pyarrow converts
  every row, and otherwise fail with exit code 1 and one line naming the column and the first
  row pyarrow fails at.

Where this project deliberately differs from pyarrow, `_ours` says so and why.
"""

from __future__ import annotations

import datetime
import math
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, getcontext
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

from interop_support import read_ipc, write_ipc

# Exact decimal arithmetic for the references, however many digits.
getcontext().prec = 400

# ---------------------------------------------------------------------------------------------
# The values


def _ints(low: int, high: int) -> list[int | None]:
    candidates = [0, 1, -1, 7, 100, 127, 128, -128, -129, 255, 256, 1000, -1000, 2048, 2049, -2049, 32767, 32768,
                  65535, 65536, 2**24, 2**24 + 1, -(2**24) - 1, 2**31 - 1, 2**31, -(2**31), 2**32, 2**53, 2**53 + 1,
                  -(2**53) - 2, 2**63 - 1, -(2**63), 2**64 - 1, 86400, 1709285400, 19782]
    return [v for v in candidates if low <= v <= high] + [None]


FLOATS = [0.0, -0.0, 1.0, -1.0, 1.5, -2.5, 0.1, 1 / 3, 100.0, 127.0, 128.0, 255.0, 256.0, -129.0, 65504.0, 70000.0,
          3e9, -3e9, 2.0**31, 2.0**53, 2.0**63, -(2.0**63), 2.0**64, 1e20, 1e-7, 1e-300, 1e300, 123456.789,
          float("nan"), float("inf"), float("-inf"), 0.125, 0.005, 2.675, None]

STRINGS = ["0", "1", "-1", "+5", "127", "128", "-129", "255", "256", "0x10", "0xff", "0X7F", "00012", "1.5", ".5", "5.",
           "-0", "1e3", "1E-2", "nan", "NaN", "inf", "-Infinity", "1e400", " 5", "5 ", "", "abc", "true", "FALSE", "yes",
           "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
           "2024-03-01", "2024-02-29", "1900-02-29", "2023-02-29", "0000-01-01", "9999-12-31", "2024-3-1",
           "2024-03-01T09:30:00", "2024-03-01 09:30:00", "2024-03-01T09:30", "2024-03-01T09", "2024-03-01T09:30:00.5",
           "2024-03-01T09:30:00.123", "2024-03-01T09:30:00.123456", "2024-03-01T09:30:00.123456789",
           "2024-03-01T09:30:00Z", "2024-03-01T09:30:00.25Z", "2024-03-01T09:30:00+05:00", "2024-03-01T09:30:00-0330",
           "2024-03-01T09:30:00+05", "2024-03-01T24:00:00", "2024-03-01T23:59:60", "2024-03-01T09:30:00 ",
           "123.45", "-0.05", "99999.999", "1.2345e2", "1,5", "é", None]

TIMESTAMP_SECONDS = [0, 1, -1, 59, 86399, 86400, -86401, 951782400, 1709164800, 1709285400, 1711846800, 1730595600,
                     -2208988800, 4102444800, None]

TIME_ZONES = [None, "UTC", "Europe/Paris", "America/New_York", "+05:30"]
UNITS = ["s", "ms", "us", "ns"]
SCALE = {"s": 1, "ms": 1_000, "us": 1_000_000, "ns": 1_000_000_000}


def _timestamps(unit: str, zone: str | None) -> pa.Array:
    scale = SCALE[unit]
    values = [None if v is None else v * scale for v in TIMESTAMP_SECONDS]
    values += [1500 * scale // 1000, 1709285400 * scale + scale // 3, None]
    return pa.array(values, pa.timestamp(unit, zone))


def _decimals(precision: int, scale: int, factory) -> pa.Array:
    candidates = ["0", "1", "-1", "0.5", "-0.05", "1.25", "123.45", "99.999", "-128", "127", "255", "256", "32768",
                  "1234567", "2147483648", "9999999.99", "1E+5", "12345678901234567.5"]
    values = []
    for text in candidates:
        value = Decimal(text)
        exponent = value.as_tuple().exponent
        if -exponent > scale and scale >= 0 and value != value.quantize(Decimal(1).scaleb(-scale)):
            continue
        if len(value.quantize(Decimal(1).scaleb(-scale)).as_tuple().digits) > precision:
            continue
        values.append(value)
    return pa.array(values + [None], factory(precision, scale))


def sources() -> dict[str, pa.Array]:
    arrays: dict[str, pa.Array] = {
        "bool": pa.array([True, False, None]),
        "int8": pa.array(_ints(-(2**7), 2**7 - 1), pa.int8()),
        "int16": pa.array(_ints(-(2**15), 2**15 - 1), pa.int16()),
        "int32": pa.array(_ints(-(2**31), 2**31 - 1), pa.int32()),
        "int64": pa.array(_ints(-(2**63), 2**63 - 1), pa.int64()),
        "uint8": pa.array(_ints(0, 2**8 - 1), pa.uint8()),
        "uint16": pa.array(_ints(0, 2**16 - 1), pa.uint16()),
        "uint32": pa.array(_ints(0, 2**32 - 1), pa.uint32()),
        "uint64": pa.array(_ints(0, 2**64 - 1), pa.uint64()),
        "halffloat": pa.array([None if v is None or abs(v) > 65504 else np.float16(v) for v in FLOATS], pa.float16()),
        "float": pa.array(FLOATS, pa.float32()),
        "double": pa.array(FLOATS, pa.float64()),
        "string": pa.array(STRINGS, pa.string()),
        "large_string": pa.array(STRINGS[::2], pa.large_string()),
        "string_view": pa.array(STRINGS[1::2], pa.string_view()),
        "binary": pa.array([None if s is None else s.encode() for s in STRINGS[::3]] + [b"\xff"], pa.binary()),
        "date32": pa.array([0, -1, 19782, 19783, -25567, -719162, -719528, 2932896, None], pa.date32()),
        "date64": pa.array([v * 86_400_000 for v in (0, -1, 19782, 19783, -25567, -719162)] + [None], pa.date64()),
        "time32[s]": pa.array([0, 1, 3600, 86399, 45296, None], pa.time32("s")),
        "time32[ms]": pa.array([0, 1, 1500, 2000, 86399999, None], pa.time32("ms")),
        "time64[us]": pa.array([0, 1, 1_500_000, 2_000_000, 86_399_999_999, None], pa.time64("us")),
        "time64[ns]": pa.array([0, 1, 1_500_000_000, 86_399_999_999_999, None], pa.time64("ns")),
        "decimal32(9, 2)": _decimals(9, 2, pa.decimal32),
        "decimal128(10, 2)": _decimals(10, 2, pa.decimal128),
        "decimal128(38, 0)": _decimals(38, 0, pa.decimal128),
        "decimal256(40, 4)": _decimals(40, 4, pa.decimal256),
    }
    for unit in UNITS:
        arrays[f"duration[{unit}]"] = pa.array([0, 1, -1, 1500, 2000, 2**40, 2**62, None], pa.duration(unit))
        for zone in TIME_ZONES:
            arrays[f"timestamp[{unit}, tz={zone}]"] = _timestamps(unit, zone)
    return arrays


def targets() -> list[pa.DataType]:
    types = [pa.bool_(), pa.int8(), pa.int16(), pa.int32(), pa.int64(), pa.uint8(), pa.uint16(), pa.uint32(),
             pa.uint64(), pa.float16(), pa.float32(), pa.float64(), pa.string(), pa.large_string(), pa.string_view(),
             pa.binary(), pa.large_binary(), pa.date32(), pa.date64(), pa.time32("s"), pa.time32("ms"),
             pa.time64("us"), pa.time64("ns"), pa.decimal32(9, 2), pa.decimal64(18, 3), pa.decimal128(10, 2),
             pa.decimal128(38, 0), pa.decimal128(38, 10), pa.decimal256(40, 4)]
    types += [pa.duration(unit) for unit in UNITS]
    types += [pa.timestamp(unit, zone) for unit in UNITS for zone in (None, "UTC", "Asia/Tokyo")]
    return types


# ---------------------------------------------------------------------------------------------
# pyarrow's answers, row by row

FAIL = "fail"


class Unsupported(Exception):
    pass


def single_value(array: pa.Array, index: int) -> pa.Array:
    """Value `index` alone in an array of its own (a nested value built anew: pyarrow casts a
    slice's whole child, values outside the slice too)."""
    if pa.types.is_nested(array.type) or pa.types.is_dictionary(array.type):
        return pa.array([array[index].as_py()], array.type)
    return array.slice(index, 1)


def pyarrow_rows(array: pa.Array, target: pa.DataType) -> list:
    """pyarrow's safe cast of each value alone: a one-value array, or FAIL."""
    rows = []
    supported = False
    for i in range(len(array)):
        try:
            rows.append(pc.cast(single_value(array, i), target, safe=True))
            supported = True
        except pa.ArrowNotImplementedError:
            rows.append(None)
        except pa.ArrowInvalid as error:
            message = str(error)
            # Refusals of the pair as a whole, whatever the value: not a per-value failure.
            if "Precision is not great enough" in message or "Scale must be non-negative" in message:
                raise Unsupported(message)
            rows.append(FAIL)
            supported = True
    if not supported:
        raise Unsupported("pyarrow does not cast this pair")
    return rows


def _ours(source: pa.DataType, target: pa.DataType, value: pa.Scalar, theirs):
    """What we give where we deliberately differ from pyarrow, else pyarrow's answer."""
    if not value.is_valid or theirs is None:
        return theirs
    # Integers beyond ±2048 do not all have a halffloat; pyarrow does not check (70000 becomes
    # inf), we hold halffloat to the rule pyarrow applies to float and double.
    if pa.types.is_integer(source) and pa.types.is_float16(target) and abs(value.as_py()) > 2048:
        return FAIL
    # pyarrow casts any integer to a time of day or a date64, and its own full validation then
    # refuses the times outside the day and the dates that are not whole days; we refuse them
    # in the cast.
    if pa.types.is_integer(source) and theirs is not FAIL:
        try:
            theirs.validate(full=True)
        except pa.ArrowInvalid:
            return FAIL
    # Decimals against numbers and other decimals are exact here: floats from their exact
    # binary value rounded half to even, decimals to floats correctly rounded. pyarrow 26 is
    # approximate there (2.675 becomes 2.68 as decimal32(9, 2) but 2.67 as decimal128; -0.05
    # becomes the float one below the nearest) and has bugs (decimal32 to int64 fails for 1.00,
    # 1e-7 becomes 1844674407370.955 as decimal64(18, 3), 2147483648 as decimal256 becomes 0.00
    # as decimal32(9, 2)): the reference is Python's exact `decimal` arithmetic instead.
    if pa.types.is_decimal(source) or pa.types.is_decimal(target):
        if not (pa.types.is_string(source) or pa.types.is_large_string(source) or pa.types.is_string_view(source)
                or pa.types.is_binary(source) or pa.types.is_string(target) or pa.types.is_large_string(target)
                or pa.types.is_string_view(target)):
            return _exact_decimal_cast(value, target)
    return theirs


def _exact_decimal_cast(value: pa.Scalar, target: pa.DataType):
    """The exact cast of `value` to `target` (one side a decimal), as a one-value array or FAIL."""
    number = value.as_py()
    if isinstance(number, bool):
        return FAIL
    if pa.types.is_decimal(target):
        if isinstance(number, float) and not math.isfinite(number):
            return FAIL
        exact = Decimal(number)
        quantum = Decimal(1).scaleb(-target.scale)
        rounded = exact.quantize(quantum, rounding=ROUND_HALF_EVEN) if isinstance(number, float) else exact
        if not isinstance(number, float) and rounded != rounded.quantize(quantum, rounding=ROUND_DOWN):
            return FAIL
        rounded = rounded.quantize(quantum)
        if len(rounded.as_tuple().digits) > target.precision and rounded != 0:
            return FAIL
        return pa.array([rounded], target)
    if pa.types.is_integer(target):
        if number != number.to_integral_value():
            return FAIL
        integer = int(number)
        bits = target.bit_width
        low, high = (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1) if pa.types.is_signed_integer(target) else (0, 2**bits - 1)
        return pa.array([integer], target) if low <= integer <= high else FAIL
    if pa.types.is_float64(target):
        return pa.array([float(number)], target)
    if pa.types.is_float32(target):
        return pa.array([np.float32(float(number))], target)
    return FAIL


def comparable(array: pa.Array) -> list:
    """Values that compare exactly: floats as their bits, temporal values as their integers."""
    if pa.types.is_floating(array.type):
        bits = {16: pa.uint16(), 32: pa.uint32(), 64: pa.uint64()}[array.type.bit_width]
        return array.view(bits).to_pylist()
    if pa.types.is_temporal(array.type):
        width = pa.int32() if array.type in (pa.date32(), pa.time32("s"), pa.time32("ms")) else pa.int64()
        return array.view(width).to_pylist()
    if pa.types.is_decimal(array.type):
        return [None if v is None else str(v) for v in array.to_pylist()]
    return array.to_pylist()


def same_value(ours: pa.Array, theirs: pa.Array) -> bool:
    if pa.types.is_floating(ours.type) and ours.null_count == 0 and theirs.null_count == 0:
        a, b = ours.to_pylist()[0], theirs.to_pylist()[0]
        if isinstance(a, float) and math.isnan(a) and math.isnan(b):
            return True
    return comparable(ours) == comparable(theirs)


# ---------------------------------------------------------------------------------------------
# The tests

SOURCES = sources()


def _cases(name: str) -> list[tuple[pa.DataType, list]]:
    """The targets pyarrow casts `name`'s source to, with its row-by-row answers."""
    source = SOURCES[name]
    cases = []
    for target in targets():
        if target == source.type:
            continue
        try:
            theirs = pyarrow_rows(source, target)
        except Unsupported:
            continue
        expected = [_ours(source.type, target, source[i], theirs[i]) if theirs[i] is not None else None
                    for i in range(len(source))]
        cases.append((target, expected))
    return cases


def _write(tmp_path: Path, source: pa.Array, count: int) -> Path:
    path = tmp_path / "source.arrow"
    schema = pa.schema([(f"c{k}", source.type) for k in range(count)])
    write_ipc(path, schema, [pa.record_batch([source] * count, schema=schema)], "file")
    return path


def _convert(cli, source: Path, output: Path, casts: list[tuple[str, pa.DataType]], *extra: str):
    arguments = [argument for name, target in casts for argument in ("--cast", f"{name}:{target}")]
    return cli.run("convert", source, output, *arguments, *extra)


@pytest.mark.parametrize("name", list(SOURCES))
def test_casts_equal_pyarrow_row_by_row(cli, tmp_path, name):
    source = SOURCES[name]
    cases = _cases(name)
    assert cases, f"pyarrow casts {name} to none of the targets"
    path = _write(tmp_path, source, len(cases))
    casts = [(f"c{k}", target) for k, (target, _) in enumerate(cases)]

    # Lenient: pyarrow's values, null exactly where pyarrow fails.
    lenient_output = tmp_path / "lenient.arrow"
    proc = _convert(cli, path, lenient_output, casts, "--lenient")
    assert proc.returncode == 0, proc.stderr.decode()
    table = read_ipc(lenient_output).table
    problems = []
    for k, (target, expected) in enumerate(cases):
        column = table.column(k).combine_chunks()
        if column.type != target:
            problems.append(f"{name} -> {target}: the column's type is {column.type}")
            continue
        for row, want in enumerate(expected):
            if want is None:
                continue  # pyarrow cannot cast this value's type alone (a null in an unsupported pair)
            got = column.slice(row, 1)
            if want is FAIL:
                if got.null_count != 1 and source[row].is_valid:
                    problems.append(f"{name} -> {target}, row {row} ({source[row]}): pyarrow fails, we give {got.to_pylist()}")
            elif not same_value(got, want):
                problems.append(f"{name} -> {target}, row {row} ({source[row]}): pyarrow gives {want.to_pylist()}, "
                                f"we give {got.to_pylist()}")
    assert not problems, f"{len(problems)} differences:\n" + "\n".join(problems[:60])

    # Strict: the same where pyarrow converts every row, else an error at its first failure.
    converting = [(f"c{k}", target) for k, (target, expected) in enumerate(cases) if FAIL not in expected]
    if converting:
        proc = _convert(cli, path, tmp_path / "strict.arrow", converting)
        assert proc.returncode == 0, proc.stderr.decode()
    for k, (target, expected) in enumerate(cases):
        if FAIL not in expected:
            continue
        first = expected.index(FAIL)
        proc = _convert(cli, path, tmp_path / f"strict{k}.arrow", [(f"c{k}", target)])
        message = proc.stderr.decode().strip()
        assert proc.returncode == 1, f"{name} -> {target}: expected exit 1 at row {first}, got {proc.returncode}: {message}"
        assert "\n" not in message, message
        assert message.startswith(f"arrow-ipc: column 'c{k}', row {first}: cannot cast "), (
            f"{name} -> {target}: pyarrow fails first at row {first} ({source[first]}); we say: {message}")
        assert not (tmp_path / f"strict{k}.arrow").exists()


# ---------------------------------------------------------------------------------------------
# Nested types, dictionaries, layouts

NESTED = [
    (pa.array([[1, 2], None, [3], [300, None], []], pa.list_(pa.int32())),
     [pa.large_list(pa.int64()), pa.list_(pa.int8()), pa.list_(pa.string()), pa.list_(pa.float64()),
      pa.large_list(pa.field("x", pa.int16()))]),
    (pa.array([[1, 2], None, [3, 4]], pa.list_(pa.int32(), 2)),
     [pa.list_(pa.int64()), pa.large_list(pa.string()), pa.list_(pa.int8(), 2)]),
    (pa.array([[1, 2], None, [3, 4], [5]], pa.list_(pa.int32())), [pa.list_(pa.int32(), 2)]),
    (pa.array([{"a": 1, "b": "x"}, None, {"a": 300, "b": None}], pa.struct([("a", pa.int32()), ("b", pa.string())])),
     [pa.struct([("a", pa.int64()), ("b", pa.large_string())]), pa.struct([("b", pa.string()), ("a", pa.int8())]),
      pa.struct([("a", pa.float64())])]),
    (pa.array([[("a", 1)], None, [("b", 2), ("c", None)]], pa.map_(pa.string(), pa.int32())),
     [pa.map_(pa.large_string(), pa.int64()), pa.map_(pa.string(), pa.int8()),
      pa.list_(pa.struct([("key", pa.string()), ("value", pa.int32())]))]),
    (pa.array(["1", "2", None, "1", "x"]).dictionary_encode(),
     [pa.string(), pa.large_string(), pa.int32(), pa.dictionary(pa.int16(), pa.string())]),
    (pa.array(["b", "a", None, "b"]), [pa.dictionary(pa.int8(), pa.string()), pa.dictionary(pa.int32(), pa.large_string())]),
    (pa.array([b"ab", None, b"\xff", b""], pa.binary()),
     [pa.large_binary(), pa.binary_view(), pa.string(), pa.large_string(), pa.string_view(), pa.binary(2)]),
    (pa.array(["a", None, "a string longer than twelve bytes", ""], pa.string_view()),
     [pa.string(), pa.large_string(), pa.binary(), pa.large_binary()]),
    (pa.nulls(3), [pa.int32(), pa.string(), pa.list_(pa.int32()), pa.struct([("a", pa.int32())]), pa.date32()]),
]


def _lenient_reference(value: pa.Array, target: pa.DataType) -> list:
    """pyarrow's safe cast of a one-value array, with the innermost values that fail nulled
    (what a lenient cast gives), as Python values."""
    try:
        return pc.cast(value, target, safe=True).to_pylist()
    except pa.ArrowInvalid:
        pass
    row = value[0]
    if not row.is_valid:
        return [None]
    if pa.types.is_dictionary(value.type):
        return _lenient_reference(value.dictionary_decode(), target)
    if pa.types.is_map(target):
        entries = pa.array(row.values, type=value.type.value_type) if row.is_valid else None
        cast = _lenient_reference_items(entries, pa.struct([target.key_field, target.item_field]))
        if any(entry["key"] is None for entry in cast):
            return [None]
        return [[(entry["key"], entry["value"]) for entry in cast]]
    if pa.types.is_list(target) or pa.types.is_large_list(target) or pa.types.is_fixed_size_list(target):
        items = row.values if row.is_valid else None
        if pa.types.is_fixed_size_list(target) and items is not None and len(items) != target.list_size:
            return [None]
        return [_lenient_reference_items(items, target.value_type)]
    if pa.types.is_struct(target):
        fields = {}
        for field in target:
            child = value.field(field.name) if field.name in [f.name for f in value.type] else pa.nulls(1, field.type)
            fields[field.name] = _lenient_reference(child, field.type)[0]
        return [fields]
    return [None]


def _lenient_reference_items(items: pa.Array | None, item_type: pa.DataType) -> list:
    return [] if items is None else [_lenient_reference(items.slice(i, 1), item_type)[0] for i in range(len(items))]


@pytest.mark.parametrize("source, target", [(s, t) for s, ts in NESTED for t in ts], ids=lambda x: str(x.type if isinstance(x, pa.Array) else x))
def test_nested_casts_equal_pyarrow(cli, tmp_path, source, target):
    try:
        rows = pyarrow_rows(source, target)
    except Unsupported:
        pytest.skip(f"pyarrow does not cast {source.type} to {target}")
    path = _write(tmp_path, source, 1)
    output = tmp_path / "out.arrow"
    proc = _convert(cli, path, output, [("c0", target)], "--lenient")
    assert proc.returncode == 0, proc.stderr.decode()
    column = read_ipc(output).table.column(0).combine_chunks()
    assert column.type == target
    for row, want in enumerate(rows):
        got = column.slice(row, 1).to_pylist()
        if want is FAIL:
            # The values that fail become null, inside the row.
            assert got == _lenient_reference(single_value(source, row), target), f"row {row}: pyarrow fails, we give {got}"
        elif want is not None:
            assert got == want.to_pylist(), f"row {row}: pyarrow gives {want.to_pylist()}, we give {got}"
    strict = _convert(cli, path, tmp_path / "strict.arrow", [("c0", target)])
    if FAIL in rows:
        assert strict.returncode == 1
        assert f"row {rows.index(FAIL)}:" in strict.stderr.decode()
    else:
        assert strict.returncode == 0, strict.stderr.decode()
        assert read_ipc(tmp_path / "strict.arrow").table.column(0).combine_chunks().equals(column)


def test_sliced_and_many_batches(cli, tmp_path):
    """Rows are counted across batches; batches that pyarrow wrote from slices cast alike."""
    values = pa.array([str(i) for i in range(1000)] + ["x"] + ["7"] * 10)
    schema = pa.schema([("v", pa.string()), ("w", pa.int64())])
    batch = pa.record_batch([values, pa.array(range(len(values)))], schema=schema)
    path = tmp_path / "many.arrows"
    write_ipc(path, schema, [batch.slice(0, 300), batch.slice(300, 600), batch.slice(900)], "stream")
    proc = cli.run("convert", path, tmp_path / "out.arrows", "--cast", "v:int16")
    assert proc.returncode == 1
    assert proc.stderr.decode().strip() == "arrow-ipc: column 'v', row 1000: cannot cast \"x\" to int16: not an integer in the range of int16"
    cli.ok("convert", path, tmp_path / "out.arrows", "--cast", "v:int16,w:double", "--lenient")
    table = read_ipc(tmp_path / "out.arrows").table
    assert table.schema == pa.schema([("v", pa.int16()), ("w", pa.float64())])
    assert table.column("v").to_pylist() == list(range(1000)) + [None] + [7] * 10
    assert [b.num_rows for b in read_ipc(tmp_path / "out.arrows").batches] == [300, 600, 111]


def test_time_formats(cli, tmp_path):
    schema = pa.schema([("d", pa.string())])
    path = tmp_path / "dates.arrow"
    write_ipc(path, schema, [pa.record_batch([pa.array(["01/03/2024 09:30", "29/02/2024 00:00", None])], schema=schema)], "file")
    cli.ok("convert", path, tmp_path / "out.arrow", "--cast", "d:timestamp[ms]", "--time-format", "%d/%m/%Y %H:%M")
    expected = pc.strptime(pa.array(["01/03/2024 09:30", "29/02/2024 00:00", None]), "%d/%m/%Y %H:%M", "ms")
    assert read_ipc(tmp_path / "out.arrow").table.column("d").combine_chunks().equals(expected)


# ---------------------------------------------------------------------------------------------
# The command line


@pytest.fixture
def weather(tmp_path) -> Path:
    schema = pa.schema([("Value", pa.float64()), ("Date", pa.string()), ("when", pa.timestamp("ms", "UTC")),
                        ("a:b", pa.int32()), ("s", pa.struct([("a", pa.int32()), ("b", pa.string())]))])
    batch = pa.record_batch([
        pa.array([1.5, None, 3.0]), pa.array(["2024-03-01", "2024-02-29", None]),
        pa.array([0, 1, None], pa.timestamp("ms", "UTC")), pa.array([1, 2, 3], pa.int32()),
        pa.array([{"a": 1, "b": "x"}, None, {"a": 2, "b": "y"}], schema.field("s").type),
    ], schema=schema)
    path = tmp_path / "weather.arrow"
    write_ipc(path, schema, [batch], "file")
    return path


def test_types_with_commas_and_names_with_colons(cli, tmp_path, weather):
    output = tmp_path / "out.arrow"
    cli.ok("convert", weather, output, "--cast",
           "Value:float32,Date:date32,when:timestamp[us, tz=Asia/Tokyo],a:b:int64,s:struct<b: large_string, a: int64>")
    schema = read_ipc(output).schema
    assert schema.types == [pa.float32(), pa.date32(), pa.timestamp("us", "Asia/Tokyo"), pa.int64(),
                            pa.struct([("b", pa.large_string()), ("a", pa.int64())])]
    table = read_ipc(output).table
    assert table.column("Date").to_pylist() == [datetime.date(2024, 3, 1), datetime.date(2024, 2, 29), None]


@pytest.mark.parametrize("spec, message", [
    ("Value:int", "arrow-ipc: --cast 'Value:int': 'int' is not a type name at offset 0 in the type name 'int'"),
    ("Value", "arrow-ipc: --cast 'Value': 'Value' is not NAME:TYPE"),
    ("Nope:int32", "arrow-ipc: --cast: there is no column named 'Nope'; the columns are 'Value', 'Date', 'when', 'a:b', 's'"),
    ("Value:int32,Value:int64", "arrow-ipc: --cast names the column 'Value' twice"),
    ("when:timestamp[ms, tz=UTC", "arrow-ipc: --cast 'when:timestamp[ms, tz=UTC': expected ']', found the end at offset 20 "
                                  "in the type name 'timestamp[ms, tz=UTC'"),
])
@pytest.mark.parametrize("command", ["convert", "cat"])
def test_bad_casts_are_usage_errors(cli, tmp_path, weather, spec, message, command):
    output = tmp_path / "out.arrow"
    arguments = ("convert", weather, output) if command == "convert" else ("cat", weather)
    proc = cli.fails(*arguments, "--cast", spec, code=2)
    assert proc.stderr.decode().strip() == message
    assert not output.exists()


def test_cat_casts_the_printed_rows(cli, weather):
    out = cli.ok("cat", weather, "--cast", "Value:string,Date:date32", "--output", "csv").stdout.decode()
    assert out.splitlines() == ["Value,Date,when,a:b,s", '1.5,2024-03-01,1970-01-01 00:00:00.000Z,1,"{a: 1, b: ""x""}"',
                                ",2024-02-29,1970-01-01 00:00:00.001Z,2,", '3,,,3,"{a: 2, b: ""y""}"']
    proc = cli.fails("cat", weather, "--cast", "Value:int8", code=1)
    assert proc.stderr.decode().strip() == "arrow-ipc: column 'Value', row 0: cannot cast 1.5 to int8: not a whole number"
    # Only the printed rows are cast.
    assert cli.ok("cat", weather, "--cast", "Value:int8", "--rows", "2", "--columns", "Value", "--output", "csv").stdout.decode() == "Value\n3\n"
    lenient = cli.ok("cat", weather, "--cast", "Value:int8", "--lenient", "--columns", "Value", "--output", "csv")
    assert lenient.stdout.decode() == "Value\n\n\n3\n"
