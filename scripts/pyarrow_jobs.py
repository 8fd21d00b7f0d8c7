#!/usr/bin/env python3
"""The pyarrow (and polars) side of the whole-process jobs that `scripts/benchmark_processes.py`
times against our binaries, each the way a user of that library writes it:

    pyarrow_jobs.py make-trades OUTPUT.arrow ROWS     the trades file (seeded; written once)
    pyarrow_jobs.py trades INPUT.arrow OUTPUT.arrows  VWAP per symbol, rows above it, ZSTD stream
    pyarrow_jobs.py convert INPUT OUTPUT.arrows CODEC any IPC file or stream to a stream
                                                      compressed with CODEC (lz4, zstd or none)

The trades job (the same as `arrow-ipc-benchmark trades`): read every batch of the file, the
volume-weighted average price of each symbol (sum of price x qty over sum of qty), keep the
rows whose price is above their symbol's VWAP, write them as a ZSTD-compressed IPC stream,
and print the symbol count, the rows kept and the sum of the VWAPs.
"""

import sys


def make_trades(target, rows):
    import numpy as np
    import pyarrow as pa
    import pyarrow.ipc as ipc

    rng = np.random.default_rng(20261203)
    symbols = [f"S{number:03d}" for number in range(200)]
    start = np.datetime64("2026-01-02T14:30:00", "us")
    table = pa.table({
        "time": pa.array(start + np.cumsum(rng.integers(1, 5_000, rows)).astype("timedelta64[us]"),
                         pa.timestamp("us", tz="UTC")),
        "symbol": pa.array(np.array(symbols, dtype=object)[rng.integers(0, len(symbols), rows)], pa.string()),
        "price": pa.array(np.round(rng.uniform(10, 500, rows), 2), pa.float64()),
        "qty": pa.array(rng.integers(1, 1_000, rows, dtype=np.int32), pa.int32()),
        "side": pa.array(np.array(["buy", "sell"], dtype=object)[rng.integers(0, 2, rows)]).dictionary_encode(),
    })
    schema = pa.schema([field.with_nullable(False) for field in table.schema])
    with ipc.new_file(target, schema) as writer:
        for batch in table.cast(schema).to_batches(max_chunksize=125_000):
            writer.write_batch(batch)


def trades(source, target):
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.ipc as ipc

    table = ipc.open_file(source).read_all()
    value = pc.multiply(table["price"], pc.cast(table["qty"], pa.float64()))
    totals = pa.table({"symbol": table["symbol"], "value": value, "qty": table["qty"]}) \
        .group_by("symbol").aggregate([("value", "sum"), ("qty", "sum")])
    vwap = pc.divide(totals["value_sum"], pc.cast(totals["qty_sum"], pa.float64()))
    row_vwap = pc.take(vwap, pc.index_in(table["symbol"], value_set=totals["symbol"]))
    kept = table.filter(pc.greater(table["price"], row_vwap))
    with ipc.new_stream(target, table.schema, options=ipc.IpcWriteOptions(compression="zstd")) as writer:
        writer.write_table(kept)
    print(f"symbols {totals.num_rows} kept {kept.num_rows} vwap_sum {pc.sum(vwap).as_py():.6f}")


def convert(source, target, codec):
    import pyarrow as pa
    import pyarrow.ipc as ipc

    with pa.memory_map(source) as stream:
        try:
            reader = ipc.open_file(stream)
            batches = (reader.get_batch(index) for index in range(reader.num_record_batches))
        except pa.ArrowInvalid:
            stream.seek(0)
            reader = ipc.open_stream(stream)
            batches = reader
        options = ipc.IpcWriteOptions(compression=None if codec == "none" else codec)
        with ipc.new_stream(target, reader.schema, options=options) as writer:
            for batch in batches:
                writer.write_batch(batch)


def main():
    arguments = sys.argv[1:]
    if arguments[:1] == ["make-trades"] and len(arguments) == 3:
        make_trades(arguments[1], int(arguments[2]))
    elif arguments[:1] == ["trades"] and len(arguments) == 3:
        trades(arguments[1], arguments[2])
    elif arguments[:1] == ["convert"] and len(arguments) == 4 and arguments[3] in ("lz4", "zstd", "none"):
        convert(arguments[1], arguments[2], arguments[3])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
