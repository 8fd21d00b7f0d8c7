"""`arrow-ipc inspect FILE [--json]` agrees with pyarrow's view of the file.

`--json` prints one JSON object with at least `format` ("file" or "stream"), `rowCount`,
`columnCount`, `batchCount`, `columns` (objects with `name`, `type`, `nullable`, `dictionary`
and `extension`) and `metadata` (the schema's custom metadata). Type spellings are checked
loosely (see README.md). Extension columns are covered by test_extensions.py.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, read_ipc, write_ipc
from interop_tables import pyarrow_cases

CASES = {c.name: c for c in pyarrow_cases()}
INSPECTED = [
    "classic-nulls20-batch64",
    "classic-nulls0-batchall",
    "empty-batches",
    "zero-batches-schema-only",
    "no-columns",
    "unicode",
    "metadata",
    "many-columns",
    "long-strings",
]

# Accepted spellings of simple types, after lowercasing and removing spaces, '_' and '-'.
# pyarrow's own spelling (str(type)) is preferred; Arrow-schema names are accepted too.
TYPE_SPELLINGS = {
    pa.bool_(): {"bool", "boolean"},
    pa.int8(): {"int8"},
    pa.int16(): {"int16"},
    pa.int32(): {"int32"},
    pa.int64(): {"int64"},
    pa.uint8(): {"uint8"},
    pa.uint16(): {"uint16"},
    pa.uint32(): {"uint32"},
    pa.uint64(): {"uint64"},
    pa.float32(): {"float", "float32"},
    pa.float64(): {"double", "float64"},
    pa.string(): {"string", "utf8"},
    pa.large_string(): {"largestring", "largeutf8"},
    pa.binary(): {"binary"},
    pa.large_binary(): {"largebinary"},
    pa.date32(): {"date32", "date32[day]"},
    pa.null(): {"null", "na"},
}


def _squash(text: str) -> str:
    return re.sub(r"[\s_\-]", "", text.lower())


def metadata_pairs(value) -> list[tuple[str, str]]:
    """The JSON metadata as (key, value) pairs: an object, a list of [k, v], or a list of {key, value}."""
    if value is None:
        return []
    if isinstance(value, dict):
        return list(value.items())
    pairs = []
    for item in value:
        if isinstance(item, dict):
            pairs.append((item["key"], item["value"]))
        else:
            key, val = item
            pairs.append((key, val))
    return pairs


def pyarrow_metadata(schema: pa.Schema) -> list[tuple[str, str]]:
    return [(k.decode("utf-8"), v.decode("utf-8")) for k, v in (schema.metadata or {}).items()]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", INSPECTED)
def test_inspect_json_agrees_with_pyarrow(cli, tmp_path, name, fmt):
    case = CASES[name]
    path = tmp_path / f"{name}.{EXTENSION[fmt]}"
    write_ipc(path, case.schema, case.batches, fmt)
    truth = read_ipc(path)
    info = json.loads(cli.ok("inspect", path, "--json").stdout)
    assert isinstance(info, dict), "inspect --json prints one JSON object"
    assert info["format"] == fmt
    assert info["rowCount"] == truth.table.num_rows
    assert info["columnCount"] == len(truth.schema)
    assert info["batchCount"] == len(truth.batches)
    columns = info["columns"]
    assert [c["name"] for c in columns] == truth.schema.names
    assert [c["nullable"] for c in columns] == [f.nullable for f in truth.schema]
    for column, field in zip(columns, truth.schema):
        assert isinstance(column["type"], str) and column["type"], f"column {field.name!r} has no type text"
        if field.type in TYPE_SPELLINGS:
            assert _squash(column["type"]) in TYPE_SPELLINGS[field.type], (
                f"column {field.name!r}: type {column['type']!r} is not a spelling of {field.type}"
            )
    assert "metadata" in info, "the schema's metadata is always present (empty when there is none)"
    assert sorted(metadata_pairs(info["metadata"])) == sorted(pyarrow_metadata(truth.schema))


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_json_nested_type_text_names_the_children(cli, tmp_path, fmt):
    schema = pa.schema(
        [
            ("l", pa.list_(pa.int32())),
            ("s", pa.struct([("alpha", pa.string()), ("beta", pa.float64())])),
            ("m", pa.map_(pa.string(), pa.int64())),
            ("t", pa.timestamp("ms", tz="UTC")),
            ("d", pa.decimal128(12, 3)),
        ]
    )
    path = tmp_path / f"nested.{EXTENSION[fmt]}"
    write_ipc(path, schema, [], fmt)
    columns = json.loads(cli.ok("inspect", path, "--json").stdout)["columns"]
    types = {c["name"]: _squash(c["type"]) for c in columns}
    assert "list" in types["l"] and "int32" in types["l"]
    assert "struct" in types["s"] and "alpha" in types["s"] and "beta" in types["s"]
    assert "map" in types["m"]
    assert "timestamp" in types["t"] and "utc" in types["t"]
    assert "decimal" in types["d"] and "12" in types["d"] and "3" in types["d"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_text_mentions_schema_and_counts(cli, tmp_path, fmt):
    case = CASES["classic-nulls20-batch64"]
    path = tmp_path / f"classic.{EXTENSION[fmt]}"
    write_ipc(path, case.schema, case.batches, fmt)
    text = cli.ok("inspect", path).stdout.decode("utf-8")
    for name in case.schema.names:
        assert name in text, f"column {name!r} missing from inspect's output"
    assert "200" in text, "the row count is shown"
    assert fmt in text.lower(), "the format is shown"


def test_inspect_file_without_reading_batches_counts_rows_from_metadata(cli, tmp_path):
    # 300 batches: the counts must come out right from the footer and message headers alone.
    schema = pa.schema([("x", pa.int64())])
    batches = [pa.record_batch([pa.array(range(i % 5))], schema=schema) for i in range(300)]
    path = tmp_path / "counts.arrow"
    write_ipc(path, schema, batches, "file")
    info = json.loads(cli.ok("inspect", path, "--json").stdout)
    assert info["batchCount"] == 300
    assert info["rowCount"] == sum(i % 5 for i in range(300))


DICTIONARY_SCHEMA = pa.schema(
    [
        ("small", pa.dictionary(pa.int8(), pa.string(), ordered=True)),
        ("wide", pa.dictionary(pa.uint32(), pa.int64())),
        ("plain", pa.int32()),
    ]
)


def _dictionary_batch() -> pa.RecordBatch:
    return pa.record_batch(
        [
            pa.DictionaryArray.from_arrays(pa.array([0, 1, None, 0], pa.int8()), pa.array(["a", "b"]), ordered=True),
            pa.DictionaryArray.from_arrays(pa.array([1, 1, 0, None], pa.uint32()), pa.array([10, 20], pa.int64())),
            pa.array([1, 2, 3, 4], pa.int32()),
        ],
        schema=DICTIONARY_SCHEMA,
    )


def _check_dictionary_columns(columns: list[dict]) -> None:
    small, wide, plain = columns
    assert small["dictionary"] == {"id": 0, "indexType": "int8", "ordered": True}
    assert wide["dictionary"] == {"id": 1, "indexType": "uint32", "ordered": False}
    assert plain["dictionary"] is None
    assert all(c["extension"] is None for c in columns)


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_shows_dictionary_ids_index_types_and_ordering(cli, tmp_path, fmt):
    # Schema only: no dictionary batches to read.
    path = tmp_path / f"dictionaries.{EXTENSION[fmt]}"
    write_ipc(path, DICTIONARY_SCHEMA, [], fmt)
    _check_dictionary_columns(json.loads(cli.ok("inspect", path, "--json").stdout)["columns"])
    text = cli.ok("inspect", path).stdout.decode("utf-8")
    assert "dictionary: id 0, indices int8, ordered" in text
    assert "dictionary: id 1, indices uint32, unordered" in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_inspect_dictionary_file_with_batches(cli, tmp_path, fmt):
    # Reads past the dictionary batches (needs the reader's dictionary support).
    path = tmp_path / f"dictionaries.{EXTENSION[fmt]}"
    write_ipc(path, DICTIONARY_SCHEMA, [_dictionary_batch(), _dictionary_batch()], fmt)
    info = json.loads(cli.ok("inspect", path, "--json").stdout)
    assert info["rowCount"] == 8 and info["batchCount"] == 2
    _check_dictionary_columns(info["columns"])


def _golden_extension() -> Path:
    repository = Path(__file__).resolve().parents[2]
    root = Path(os.environ.get("ARROW_TESTING_DATA", repository.parent / "shared" / "arrow-testing" / "data"))
    return root / "arrow-ipc-stream/integration/cpp-21.0.0/generated_extension.stream"


@pytest.mark.skipif(not _golden_extension().exists(), reason="the Arrow golden files are absent; set ARROW_TESTING_DATA")
def test_inspect_golden_extension_stream(cli):
    # arrow.uuid is known; dict-extension (on a dictionary field) is not, so it stays a dictionary.
    info = json.loads(cli.ok("inspect", _golden_extension(), "--json").stdout)
    uuids, dict_exts = info["columns"]
    assert uuids["type"] == "extension<arrow.uuid>"
    assert uuids["extension"]["name"] == "arrow.uuid" and uuids["extension"]["registered"] is True
    assert dict_exts["dictionary"] == {"id": 0, "indexType": "int8", "ordered": False}
    assert dict_exts["extension"] == {
        "name": "dict-extension", "metadata": "dict-extension-serialized",
        "storage": "dictionary<values=string, indices=int8, ordered=0>", "registered": False,
    }
