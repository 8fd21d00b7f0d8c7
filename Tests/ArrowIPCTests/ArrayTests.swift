import Testing
@testable import ArrowIPC

@Test func int64ArrayRoundTrip() throws {
    let array = Int64Array([1, 2, nil])
    #expect(array.length == 3)
    #expect(array.nullCount == 1)
    #expect(Array(array) == [1, 2, nil])
    #expect(array.type == .int64)
    let noNulls = Int32Array([1, 2, 3])
    #expect(noNulls.data.validity == nil)
    #expect(Array(noNulls) == [1, 2, 3])
}

@Test func stringArrayRoundTrip() throws {
    let array = StringArray(["a", nil, "héllo", ""])
    #expect(Array(array) == ["a", nil, "héllo", ""])
    #expect(array.nullCount == 1)
    let sliced = StringArray(unchecked: try array.data.slice(2, 2))
    #expect(Array(sliced) == ["héllo", ""])
}

@Test func booleanArrayRoundTrip() throws {
    let values: [Bool?] = (0..<20).map { $0 % 3 == 0 ? nil : $0 % 2 == 0 }
    let array = BooleanArray(values)
    #expect(Array(array) == values)
    let sliced = try BooleanArray(try array.data.slice(5, 11))
    #expect(Array(sliced) == Array(values[5..<16]))
}

@Test func makeArrayDispatchesSeedTypes() throws {
    #expect(makeArray(Int64Array([1]).data) is Int64Array)
    #expect(makeArray(StringArray(["x"]).data) is StringArray)
    #expect(makeArray(BooleanArray([true]).data) is BooleanArray)
}
