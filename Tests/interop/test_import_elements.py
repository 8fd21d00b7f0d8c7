"""`arrow-ipc inspect --element NAME [--json]` agrees with pyarrow on every interop table.

Each metadata element of a file or stream pyarrow wrote — schema, column labels and types, row
and column counts, dimensions, metadata at every level (schema, fields, footer, batches) and
the list of elements — is compared with what pyarrow reads from the same bytes. The schema's
text is pyarrow's `str(schema)`; types are spelled as pyarrow prints them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from interop_support import EXTENSION, FORMATS, write_ipc
from interop_tables import pyarrow_cases

CASES = pyarrow_cases()


def _temporal(t: pa.DataType) -> bool:
    while pa.types.is_dictionary(t):
        t = t.value_type
    return pa.types.is_date(t) or pa.types.is_timestamp(t)


def _metadata(md) -> dict[str, str]:
    return {k.decode(): v.decode() for k, v in (md or {}).items()}


def _write(tmp_path: Path, case, fmt: str) -> tuple[Path, list[dict | None]]:
    schema, batches = case.data
    batch_metadata = [{"batch": str(i)} if i % 2 else None for i in range(len(batches))]
    path = tmp_path / f"{case.name}.{EXTENSION[fmt]}"
    write_ipc(path, schema, batches, fmt, batch_metadata=batch_metadata,
              footer_metadata={"footer": "yes"} if fmt == "file" else None)
    return path, batch_metadata


def element(cli, path: Path, name: str, as_json: bool = True):
    args = ["inspect", path, "--element", name] + (["--json"] if as_json else [])
    out = cli.ok(*args).stdout.decode()
    return json.loads(out) if as_json else out.rstrip("\n")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_every_metadata_element_matches_pyarrow(cli, tmp_path, case, fmt):
    path, batch_metadata = _write(tmp_path, case, fmt)
    reader = pa.ipc.open_file(path) if fmt == "file" else pa.ipc.open_stream(path)
    schema = reader.schema
    table = reader.read_all()
    assert element(cli, path, "row-count") == table.num_rows
    assert element(cli, path, "column-count") == table.num_columns
    assert element(cli, path, "dimensions") == [table.num_rows, table.num_columns]
    assert element(cli, path, "column-labels") == schema.names
    assert element(cli, path, "column-types") == [{"name": f.name, "type": str(f.type)} for f in schema]
    assert element(cli, path, "schema", as_json=False) == str(schema)
    meta = element(cli, path, "meta-information")
    assert meta["schema"] == _metadata(schema.metadata)
    assert meta["fields"] == {f.name: _metadata(f.metadata) for f in schema if f.metadata}
    assert meta["footer"] == ({"footer": "yes"} if fmt == "file" else {})
    assert meta["batches"] == [m or {} for m in batch_metadata]
    elements = element(cli, path, "elements")
    assert ("time-series" in elements) == any(_temporal(f.type) for f in schema)
    assert {"schema", "row-count", "dataset", "table"} <= set(elements)
    rules = element(cli, path, "rules")
    assert rules["row-count"] == table.num_rows and rules["schema"]["metadata"] == _metadata(schema.metadata)


@pytest.mark.parametrize("name", ["row-count", "column-labels", "dimensions", "meta-information", "rules"])
def test_elements_of_a_stream_on_standard_input(cli, tmp_path, name):
    case = next(c for c in CASES if c.name == "metadata")
    path, _ = _write(tmp_path, case, "stream")
    from_file = cli.ok("inspect", path, "--element", name, "--json").stdout
    piped = cli.ok("inspect", "-", "--element", name, "--json", stdin=path.read_bytes()).stdout
    if name == "rules":  # the summary knows the size of a file only
        from_file, piped = json.loads(from_file), json.loads(piped)
        from_file["summary"].pop("fileSize"), piped["summary"].pop("fileSize")
    assert from_file == piped


@pytest.mark.parametrize("name", ["table", "data", "dataset", "time-series", "nonsense"])
def test_data_or_unknown_elements_are_usage_errors(cli, tmp_path, name):
    path, _ = _write(tmp_path, CASES[0], "file")
    result = cli.fails("inspect", path, "--element", name, code=2)
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("arrow-ipc: "), lines
