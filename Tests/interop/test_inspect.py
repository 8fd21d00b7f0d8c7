"""`arrow-ipc inspect FILE [--json]` agrees with pyarrow's view of the file.

`--json` prints one JSON object with at least `format` ("file" or "stream"), `rowCount`,
`columnCount`, `batchCount`, `columns` (objects with `name`, `type`, `nullable`) and `metadata`
(the schema's custom metadata). Type spellings are checked loosely (see README.md).
"""

from __future__ import annotations

import json
import re

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
