"""A pyarrow peer for the Swift async streaming tests (Tests/ArrowIPCTests/AsyncPyarrowTests.swift).

    stream_peer.py write N   writes a stream of N batches to standard output, flushing each;
                             after the first it waits for the line "got 0" on standard input,
                             so the reader must take batch 0 while the stream is being written.
    stream_peer.py read      reads a stream from standard input with pa.ipc.open_stream and
                             prints one line per batch as it arrives: "batch I rows=R sum=S
                             first=F colors=C".
"""
import sys

import pyarrow as pa
import pyarrow.compute as pc


def batch(index: int) -> pa.RecordBatch:
    start = index * 1000
    values = range(start, start + 1000)
    return pa.record_batch({
        "i": pa.array(values, pa.int64()),
        "s": pa.array([f"row {k}" for k in values]),
        "colors": pa.array([["red", "green", "blue"][k % 3] for k in values]).dictionary_encode(),
    })


def describe(index: int, received: pa.RecordBatch) -> str:
    colors = ",".join(sorted(set(received.column("colors").to_pylist())))
    return (f"batch {index} rows={received.num_rows} sum={pc.sum(received.column('i')).as_py()} "
            f"first={received.column('s')[0].as_py()} colors={colors}")


def main() -> int:
    mode = sys.argv[1]
    if mode == "write":
        count = int(sys.argv[2])
        out = sys.stdout.buffer
        with pa.ipc.new_stream(out, batch(0).schema) as writer:
            for index in range(count):
                writer.write_batch(batch(index))
                out.flush()
                if index == 0 and sys.stdin.readline().strip() != "got 0":
                    return 3
        return 0
    if mode == "read":
        with pa.ipc.open_stream(sys.stdin.buffer) as reader:
            for index, received in enumerate(reader):
                print(describe(index, received), flush=True)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
