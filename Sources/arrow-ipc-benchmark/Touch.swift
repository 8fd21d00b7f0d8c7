import ArrowIPC

/// The total size of every buffer of every column: a cheap way to make sure each decoded
/// batch is used, so that a read workload measures decoding, not the data. pyarrow's side
/// does the same.
func bufferBytes(_ batch: RecordBatch) -> Int {
    batch.columnData.reduce(0) { $0 + bufferBytes($1) }
}

private func bufferBytes(_ data: ArrayData) -> Int {
    var total = data.validity?.count ?? 0
    for buffer in data.buffers { total += buffer.count }
    for child in data.children { total += bufferBytes(child) }
    return total
}

/// The sum of the valid values of an `int64` column, wrapping on overflow as pyarrow's
/// `pyarrow.compute.sum` does; a scan that reads every value.
func sumOfValidValues(_ data: ArrayData) throws -> Int64 {
    let end = data.offset + data.length
    guard data.type == .int64, let values = data.buffers.first, values.count >= end * 8,
          (data.validity?.count ?? Int.max) >= (end + 7) / 8
    else {
        throw BenchmarkError("the column to sum is not a well-formed int64 column")
    }
    return withExtendedLifetime(data) {
        let numbers = values.baseAddress.assumingMemoryBound(to: Int64.self)
        var sum: Int64 = 0
        guard let validity = data.validity else {
            for slot in data.offset..<end { sum &+= numbers[slot] }
            return sum
        }
        let bits = validity.baseAddress.assumingMemoryBound(to: UInt8.self)
        for slot in data.offset..<end {
            let valid = Int64((bits[slot >> 3] >> UInt8(slot & 7)) & 1)
            sum &+= numbers[slot] & (0 &- valid)
        }
        return sum
    }
}
