"""Extension types: what pyarrow writes with its canonical extension types (arrow.uuid,
arrow.json, arrow.bool8, arrow.fixed_shape_tensor, arrow.opaque) and with a custom extension
type that only pyarrow knows.

- `inspect` names each extension (and marks the custom one as not registered);
- `cat` prints uuids in their 8-4-4-4-12 form, bool8 as booleans, JSON as its text, tensors as
  lists, and the others as their storage;
- `convert` writes files pyarrow reads back with the same extension types and values;
- an extension we do not know stays its storage type and keeps its metadata, byte for byte.

Reading and writing the data of the canonical types needs the IPC layer to decode and encode
extension columns as their storage; the schema-only tests need only the schema.
"""

from __future__ import annotations

import json
import uuid

import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, assert_same_contents, read_ipc, write_ipc


class Money(pa.ExtensionType):
    """An extension type registered in pyarrow only: amounts in cents of one currency."""

    def __init__(self, currency: str = "EUR"):
        self.currency = currency
        super().__init__(pa.int64(), "test.money")

    def __arrow_ext_serialize__(self) -> bytes:
        return json.dumps({"currency": self.currency}).encode("utf-8")

    @classmethod
    def __arrow_ext_deserialize__(cls, storage_type, serialized):
        return cls(json.loads(serialized.decode("utf-8"))["currency"])


@pytest.fixture(autouse=True)
def money_registered():
    """Registers Money in pyarrow for each test, as a user program would."""
    pa.register_extension_type(Money())
    try:
        yield
    finally:
        pa.unregister_extension_type("test.money")


UUIDS = [
    uuid.UUID("01234567-89ab-cdef-0123-456789abcdef"),
    None,
    uuid.UUID("00000000-0000-0000-0000-000000000001"),
]
TENSOR = pa.fixed_shape_tensor(pa.float32(), [2, 2])
OPAQUE = pa.opaque(pa.binary(), "geometry", "PostGIS")


def extension_table() -> pa.Table:
    """One column of each canonical extension type, one custom, and one plain."""
    return pa.table(
        {
            "id": pa.array([u.bytes if u else None for u in UUIDS], pa.uuid()),
            "flag": pa.ExtensionArray.from_storage(pa.bool8(), pa.array([1, None, 0], pa.int8())),
            "doc": pa.array(['{"a": [1, 2]}', None, "3"], pa.json_()),
            "tensor": pa.ExtensionArray.from_storage(
                TENSOR, pa.array([[1, 2, 3, 4], None, [5, 6, 7, 8]], pa.list_(pa.float32(), 4))
            ),
            "blob": pa.ExtensionArray.from_storage(OPAQUE, pa.array([b"\x01\x02", None, b""])),
            "money": pa.ExtensionArray.from_storage(Money("USD"), pa.array([150, -3, None], pa.int64())),
            "plain": pa.array([1, 2, 3], pa.int32()),
        }
    )


def write_extensions(tmp_path, fmt, *, rows: bool = True):
    table = extension_table()
    path = tmp_path / f"extensions.{EXTENSION[fmt]}"
    write_ipc(path, table.schema, table.to_batches() if rows else [], fmt)
    return path, table


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_names_the_extension_types(cli, tmp_path, fmt):
    path, _ = write_extensions(tmp_path, fmt, rows=False)
    columns = {c["name"]: c for c in json.loads(cli.ok("inspect", path, "--json").stdout)["columns"]}
    expected = {
        "id": ("arrow.uuid", "fixed_size_binary[16]", ""),
        "flag": ("arrow.bool8", "int8", ""),
        "doc": ("arrow.json", "string", ""),
        "tensor": ("arrow.fixed_shape_tensor", "fixed_size_list<item: float>[4]", '{"shape":[2,2]}'),
        "blob": ("arrow.opaque", "binary", '{"type_name":"geometry","vendor_name":"PostGIS"}'),
    }
    for name, (extension, storage, metadata) in expected.items():
        column = columns[name]
        assert column["type"] == f"extension<{extension}>", column
        assert column["extension"] == {
            "name": extension, "metadata": metadata, "storage": storage, "registered": True,
        }, column
        assert column["metadata"] == {}, "a known extension's entries leave the field metadata"
    money = columns["money"]
    assert money["type"] == "int64", "an unknown extension reads as its storage type"
    assert money["extension"] == {
        "name": "test.money", "metadata": '{"currency": "USD"}', "storage": "int64", "registered": False,
    }
    assert money["metadata"]["ARROW:extension:name"] == "test.money"
    assert columns["plain"]["extension"] is None and columns["plain"]["dictionary"] is None


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_text_shows_extension_lines(cli, tmp_path, fmt):
    path, _ = write_extensions(tmp_path, fmt, rows=False)
    text = cli.ok("inspect", path).stdout.decode("utf-8")
    assert "extension: arrow.uuid, storage fixed_size_binary[16]" in text
    assert 'extension: arrow.fixed_shape_tensor, storage fixed_size_list<item: float>[4], metadata {"shape":[2,2]}' in text
    assert "extension: test.money (not registered), storage int64" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_extension_round_trips_with_its_metadata(cli, tmp_path, fmt):
    # Only columns we read as plain storage: this works whatever the IPC layer knows of extensions.
    schema = pa.schema(
        [
            pa.field("money", Money("JPY"), metadata={"before": "1"}),
            pa.field("raw", pa.binary(), metadata={
                "ARROW:extension:name": "x.never-registered", "z": "last", "ARROW:extension:metadata": "\x00\x01",
            }),
        ],
        metadata={"schema": "level"},
    )
    batch = pa.record_batch(
        [pa.ExtensionArray.from_storage(Money("JPY"), pa.array([1, None, 3], pa.int64())), pa.array([b"a", None, b""])],
        schema=schema,
    )
    source = tmp_path / f"unknown.{EXTENSION[fmt]}"
    write_ipc(source, schema, [batch], fmt)
    expected = read_ipc(source)
    for dst in FORMATS:
        output = tmp_path / f"out-{dst}.{EXTENSION[dst]}"
        cli.ok("convert", source, output, "--format", dst)
        actual = read_ipc(output)
        assert actual.schema.field("money").type == Money("JPY")
        assert_same_contents(expected, actual)
    # Without the registration, pyarrow sees the same storage and the same metadata, in order.
    pa.unregister_extension_type("test.money")
    try:
        plain_source = read_ipc(source).schema
        plain_output = read_ipc(tmp_path / f"out-{fmt}.{EXTENSION[fmt]}").schema
        assert plain_output.field("money").type == pa.int64()
        assert list(plain_output.field("money").metadata.items()) == list(plain_source.field("money").metadata.items())
        assert list(plain_output.field("raw").metadata.items()) == list(plain_source.field("raw").metadata.items())
    finally:
        pa.register_extension_type(Money())


# The tests below read and write extension columns' data.


@pytest.mark.parametrize("fmt", FORMATS)
def test_cat_prints_extension_values(cli, tmp_path, fmt):
    path, _ = write_extensions(tmp_path, fmt)
    lines = cli.ok("cat", path, "--output", "jsonl").stdout.decode("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    assert [r["id"] for r in rows] == [str(u) if u else None for u in UUIDS]
    assert [r["flag"] for r in rows] == [True, None, False]
    assert [r["doc"] for r in rows] == ['{"a": [1, 2]}', None, "3"]
    assert [r["tensor"] for r in rows] == [[1.0, 2.0, 3.0, 4.0], None, [5.0, 6.0, 7.0, 8.0]]
    assert [r["blob"] for r in rows] == ["0102", None, ""]
    assert [r["money"] for r in rows] == [150, -3, None]
    table_text = cli.ok("cat", path).stdout.decode("utf-8")
    assert "01234567-89ab-cdef-0123-456789abcdef" in table_text


@pytest.mark.parametrize("dst", FORMATS)
@pytest.mark.parametrize("src", FORMATS)
def test_convert_keeps_extension_types_and_values(cli, tmp_path, src, dst):
    path, table = write_extensions(tmp_path, src)
    expected = read_ipc(path)
    output = tmp_path / f"converted.{EXTENSION[dst]}"
    cli.ok("convert", path, output, "--format", dst)
    actual = read_ipc(output)
    assert actual.schema.field("id").type == pa.uuid()
    assert actual.schema.field("tensor").type == TENSOR
    assert actual.schema.field("blob").type == OPAQUE
    assert actual.schema.field("money").type == Money("USD")
    assert_same_contents(expected, actual)
    assert actual.table.column("id").to_pylist() == UUIDS


def nested_extension_table() -> pa.Table:
    """Extension types inside lists, structs, maps and unions. (Not inside a dictionary:
    pyarrow 26 cannot read back the dictionary-of-extension files it writes.)"""
    ids = pa.array([u.bytes if u else None for u in UUIDS], pa.uuid())
    flags = pa.ExtensionArray.from_storage(pa.bool8(), pa.array([1, None, 0], pa.int8()))
    money = pa.ExtensionArray.from_storage(Money("EUR"), pa.array([5, None, 7], pa.int64()))
    union = pa.UnionArray.from_sparse(
        pa.array([0, 1, 0], pa.int8()), [ids, pa.array(["x", "y", "z"])], ["id", "name"]
    )
    return pa.table(
        {
            "id_lists": pa.ListArray.from_arrays(pa.array([0, 2, 2, 3], pa.int32()), ids),
            "record": pa.StructArray.from_arrays([flags, money], ["flag", "money"]),
            "by_name": pa.MapArray.from_arrays(
                pa.array([0, 1, 1, 3], pa.int32()), pa.array(["a", "b", "c"]), ids
            ),
            "either": union,
            "big_tensors": pa.ExtensionArray.from_storage(
                TENSOR, pa.array([[1, 2, 3, 4], None, [5, 6, 7, 8]], pa.list_(pa.float32(), 4))
            ),
        }
    )


@pytest.mark.parametrize("dst", FORMATS)
@pytest.mark.parametrize("src", FORMATS)
def test_nested_extension_types_round_trip(cli, tmp_path, src, dst):
    table = nested_extension_table()
    path = tmp_path / f"nested.{EXTENSION[src]}"
    write_ipc(path, table.schema, table.to_batches(), src)
    cli.ok("validate", path, "--full")
    output = tmp_path / f"converted.{EXTENSION[dst]}"
    cli.ok("convert", path, output, "--format", dst)
    expected = read_ipc(path)
    actual = read_ipc(output)
    assert actual.schema.equals(expected.schema, check_metadata=True)
    assert_same_contents(expected, actual)
    rows = [json.loads(line) for line in cli.ok("cat", path, "--output", "jsonl").stdout.decode("utf-8").splitlines()]
    assert rows[0]["id_lists"] == [str(UUIDS[0]), None]
    assert rows[0]["record"] == {"flag": True, "money": 5}
    assert rows[2]["either"] == str(UUIDS[2])
