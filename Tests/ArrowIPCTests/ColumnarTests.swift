import Testing
@testable import ArrowIPC

@Test func sliceKeepsMemory() throws {
    let buffer = ArrowBuffer(copying: [Int64(1), 2, 3])
    let data = ArrayData(type: .int64, length: 3, validity: nil, buffers: [buffer])
    let slice = try data.slice(1, 2)
    #expect(slice.offset == 1 && slice.length == 2)
    #expect(slice.buffers[0].baseAddress == buffer.baseAddress)
}
