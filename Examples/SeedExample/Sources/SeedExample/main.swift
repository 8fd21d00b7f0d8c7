// The pyarrow RecordBatchFileWriter example from the seed, in Swift, against the public API.
import Foundation
import ArrowIPC

let batch = try RecordBatch(names: ["f0", "f1", "f2"], columns: [
    Int64Array([1, 2, 3, 4]),
    StringArray(["foo", "bar", "baz", nil]),
    BooleanArray([true, nil, false, true]),
])

let writer = try ArrowFileWriter(schema: batch.schema)      // in memory
for _ in 0..<5 { try writer.write(batch) }
let buf: Data = try writer.finish()

let reader = try ArrowFileReader(data: buf)
precondition(reader.recordBatchCount == 5, "expected 5 batches")
let b = try reader.recordBatch(at: 3)
precondition(b.rowCount == 4 && b.columnCount == 3)
let strings = b.column(1) as! StringArray
precondition(Array(strings) == ["foo", "bar", "baz", nil])
let bools = b.column(2) as! BooleanArray
precondition(Array(bools) == [true, nil, false, true])

// The same to a file on disk, read back memory-mapped, and the stream format.
let url = FileManager.default.temporaryDirectory.appendingPathComponent("seed-example-\(getpid()).arrow")
let fileWriter = try ArrowFileWriter(url: url, schema: batch.schema)
try fileWriter.write(batch)
try fileWriter.finish()
let fromDisk = try ArrowFileReader(url: url)
precondition(fromDisk.recordBatchCount == 1)
let ints = try fromDisk.recordBatch(at: 0).column(0) as! Int64Array
precondition(Array(ints) == [1, 2, 3, 4])

let streamWriter = try ArrowStreamWriter(schema: batch.schema)
try streamWriter.write(batch)
try streamWriter.write(batch)
let streamBytes: Data = try streamWriter.finish()
var streamReader = try ArrowStreamReader(data: streamBytes)
var rows = 0
while let next = try streamReader.next() { rows += next.rowCount }
precondition(rows == 8)
try? FileManager.default.removeItem(at: url)
print("seed example: ok")
