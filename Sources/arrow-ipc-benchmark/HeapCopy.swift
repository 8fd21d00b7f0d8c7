import ArrowIPC

/// A copy of `batch` whose buffers all live on the heap, like a batch built in memory, so
/// that the write workloads do not read from the mapping of the file the batch came from.
func heapCopy(_ batch: RecordBatch) throws -> RecordBatch {
    try RecordBatch(schema: batch.schema, columns: batch.columnData.map(heapCopy), metadata: batch.metadata)
}

private func heapCopy(_ data: ArrayData) -> ArrayData {
    ArrayData(
        type: data.type, length: data.length, offset: data.offset, nullCount: data.nullCount,
        validity: data.validity.map(heapCopy), buffers: data.buffers.map(heapCopy),
        children: data.children.map(heapCopy), dictionary: data.dictionary.map(heapCopy))
}

private func heapCopy(_ buffer: ArrowBuffer) -> ArrowBuffer {
    buffer.withUnsafeBytes { ArrowBuffer(copying: $0) }
}
