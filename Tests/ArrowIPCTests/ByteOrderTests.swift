import Foundation
import Testing
@testable import ArrowIPC

// Each test builds a node twice — its buffers in big-endian order, as a big-endian machine
// writes them, and in little-endian (native) order — and checks that swapping the first gives
// the second, byte for byte, in every buffer of every node.

/// `values` as their bytes in big-endian order.
private func big<T: FixedWidthInteger & BitwiseCopyable>(_ values: [T]) -> ArrowBuffer {
    ArrowBuffer(copying: values.map(\.bigEndian))
}

/// `values` as their bytes in little-endian order.
private func little<T: FixedWidthInteger & BitwiseCopyable>(_ values: [T]) -> ArrowBuffer {
    ArrowBuffer(copying: values.map(\.littleEndian))
}

private func bytes(_ values: [UInt8]) -> ArrowBuffer {
    ArrowBuffer(copying: values)
}

/// Every buffer of the node and, depth-first, of its children and dictionary, as bytes.
private func allBytes(_ data: ArrayData) -> [[UInt8]] {
    var result: [[UInt8]] = [data.validity?.bytes ?? []]
    result += data.buffers.map(\.bytes)
    for child in data.children { result += allBytes(child) }
    if let dictionary = data.dictionary { result += allBytes(dictionary) }
    return result
}

/// Swaps `bigEndian` and expects `native`'s bytes, the same shape, and a valid result.
private func expectSwapped(
    _ bigEndian: ArrayData, _ native: ArrayData, sourceLocation: SourceLocation = #_sourceLocation
) throws {
    let swapped = try bigEndian.byteSwapped()
    #expect(allBytes(swapped) == allBytes(native), sourceLocation: sourceLocation)
    #expect(swapped.type == native.type && swapped.length == native.length, sourceLocation: sourceLocation)
    #expect(swapped.offset == native.offset && swapped.nullCount == native.nullCount, sourceLocation: sourceLocation)
    try swapped.validate(.full)
    #expect(swapped.firstDifference(from: native) == nil, sourceLocation: sourceLocation)
    // Swapping is its own inverse (views aside, whose lengths are read in the source order).
    #expect(allBytes(try swapped.byteSwapped()) == allBytes(bigEndian), sourceLocation: sourceLocation)
}

/// A node of `type` over one values buffer.
private func node(_ type: DataType, _ length: Int, _ values: ArrowBuffer, validity: ArrowBuffer? = nil) -> ArrayData {
    ArrayData(type: type, length: length, validity: validity, buffers: [values])
}

// MARK: - Fixed-width values

@Test func twoByteValuesAreSwapped() throws {
    let values: [UInt16] = [0x0102, 0xFFFE, 0, 0x8000]
    for type in [DataType.int16, .uint16, .float16] {
        try expectSwapped(node(type, 4, big(values)), node(type, 4, little(values)))
    }
}

@Test func fourByteValuesAreSwapped() throws {
    let values: [UInt32] = [0x0102_0304, 0xFFFF_FFFE, 0, 0x3F80_0000]
    let types: [DataType] = [
        .int32, .uint32, .float32, .date32, .time32(.second), .time32(.millisecond),
        .decimal32(precision: 9, scale: 2), .interval(.yearMonth),
    ]
    for type in types {
        try expectSwapped(node(type, 4, big(values)), node(type, 4, little(values)))
    }
    // A day-time interval is two 32-bit integers (days, milliseconds), each swapped on its own.
    try expectSwapped(node(.interval(.dayTime), 2, big(values)), node(.interval(.dayTime), 2, little(values)))
}

@Test func eightByteValuesAreSwapped() throws {
    let values: [UInt64] = [0x0102_0304_0506_0708, UInt64.max - 1, 0]
    let types: [DataType] = [
        .int64, .uint64, .float64, .date64, .time64(.microsecond), .time64(.nanosecond),
        .timestamp(.millisecond, timeZone: nil), .timestamp(.nanosecond, timeZone: "UTC"),
        .duration(.second), .decimal64(precision: 18, scale: 3),
    ]
    for type in types {
        try expectSwapped(node(type, 3, big(values)), node(type, 3, little(values)))
    }
}

@Test func monthDayNanoIntervalsSwapEachField() throws {
    // Months, days and nanoseconds: 4, 4 and 8 bytes, each reversed in place.
    var bigBytes: [UInt8] = []
    var littleBytes: [UInt8] = []
    for (months, days, nanoseconds) in [(Int32(14), Int32(-3), Int64(86_400_000_000_123)), (-1, 0x0102_0304, -2)] {
        withUnsafeBytes(of: months.bigEndian) { bigBytes += $0 }
        withUnsafeBytes(of: days.bigEndian) { bigBytes += $0 }
        withUnsafeBytes(of: nanoseconds.bigEndian) { bigBytes += $0 }
        withUnsafeBytes(of: months.littleEndian) { littleBytes += $0 }
        withUnsafeBytes(of: days.littleEndian) { littleBytes += $0 }
        withUnsafeBytes(of: nanoseconds.littleEndian) { littleBytes += $0 }
    }
    let type = DataType.interval(.monthDayNano)
    try expectSwapped(node(type, 2, bytes(bigBytes)), node(type, 2, bytes(littleBytes)))
}

@Test func wideDecimalsAreReversedWhole() throws {
    // A two's-complement integer of 16 or 32 bytes: big-endian is little-endian reversed.
    for (type, width) in [(DataType.decimal128(precision: 38, scale: 4), 16), (.decimal256(precision: 76, scale: 10), 32)] {
        var littleBytes: [UInt8] = []
        var bigBytes: [UInt8] = []
        for value in 0..<3 {
            let number = (0..<width).map { UInt8(truncatingIfNeeded: value &* 53 &+ $0 &* 7 &+ 1) }
            littleBytes += number
            bigBytes += number.reversed()
        }
        try expectSwapped(node(type, 3, bytes(bigBytes)), node(type, 3, bytes(littleBytes)))
    }
    // -2 in 128 bits.
    let minusTwo: [UInt8] = [0xFE] + Array(repeating: 0xFF, count: 15)
    let decimal = DataType.decimal128(precision: 10, scale: 0)
    let swapped = try node(decimal, 1, bytes(minusTwo.reversed())).byteSwapped()
    #expect(swapped.buffers[0].bytes == minusTwo)
}

@Test func singleBytesBitsAndValidityAreShared() throws {
    let validity = bytes([0b0000_0101])
    let untouched: [ArrayData] = [
        node(.int8, 3, bytes([1, 2, 0xFF]), validity: validity),
        node(.uint8, 3, bytes([1, 2, 3])),
        node(.boolean, 3, bytes([0b110])),
        node(.fixedSizeBinary(byteWidth: 2), 3, bytes([1, 2, 3, 4, 5, 6])),
        ArrayData(type: .null, length: 4, validity: nil, buffers: []),
    ]
    for data in untouched {
        let swapped = try data.byteSwapped()
        #expect(swapped.buffers.map(\.baseAddress) == data.buffers.map(\.baseAddress), "\(data.type)")
        #expect(swapped.validity?.baseAddress == data.validity?.baseAddress)
    }
    // A swapped buffer is new memory; the validity bitmap beside it is still shared.
    let ints = node(.int32, 3, big([Int32(1), 2, 3]), validity: validity)
    let swapped = try ints.byteSwapped()
    #expect(swapped.buffers[0].baseAddress != ints.buffers[0].baseAddress)
    #expect(swapped.validity?.baseAddress == validity.baseAddress)
    #expect(Int(bitPattern: swapped.buffers[0].baseAddress) % 64 == 0)
    let array = try Int32Array(swapped)
    #expect(swapped.nullCount == 1 && Array(array) == [1, nil, 3])
}

// MARK: - Offsets

@Test func binaryAndStringOffsetsAreSwappedAndTheirBytesShared() throws {
    let offsets: [Int32] = [0, 3, 3, 8]
    let data = bytes(Array("abcdefgh".utf8))
    for type in [DataType.utf8, .binary] {
        let bigNode = ArrayData(type: type, length: 3, validity: nil, buffers: [big(offsets), data])
        try expectSwapped(bigNode, ArrayData(type: type, length: 3, validity: nil, buffers: [little(offsets), data]))
        #expect(try bigNode.byteSwapped().buffers[1].baseAddress == data.baseAddress)
    }
    let largeOffsets: [Int64] = [0, 3, 3, 8]
    for type in [DataType.largeUtf8, .largeBinary] {
        try expectSwapped(
            ArrayData(type: type, length: 3, validity: nil, buffers: [big(largeOffsets), data]),
            ArrayData(type: type, length: 3, validity: nil, buffers: [little(largeOffsets), data]))
    }
}

@Test func listsSwapTheirOffsetsAndChildren() throws {
    let item = Field("item", .int16)
    let values: [Int16] = [1, -2, 300, 4]
    let offsets: [Int32] = [0, 1, 1, 4]
    try expectSwapped(
        ArrayData(type: .list(item), length: 3, validity: nil, buffers: [big(offsets)], children: [node(.int16, 4, big(values))]),
        ArrayData(type: .list(item), length: 3, validity: nil, buffers: [little(offsets)], children: [node(.int16, 4, little(values))]))
    let largeOffsets: [Int64] = [0, 4]
    try expectSwapped(
        ArrayData(type: .largeList(item), length: 1, validity: nil, buffers: [big(largeOffsets)], children: [node(.int16, 4, big(values))]),
        ArrayData(type: .largeList(item), length: 1, validity: nil, buffers: [little(largeOffsets)], children: [node(.int16, 4, little(values))]))
    // A fixed-size list has no offsets; its child is swapped.
    try expectSwapped(
        ArrayData(type: .fixedSizeList(item, listSize: 2), length: 2, validity: nil, buffers: [], children: [node(.int16, 4, big(values))]),
        ArrayData(type: .fixedSizeList(item, listSize: 2), length: 2, validity: nil, buffers: [], children: [node(.int16, 4, little(values))]))
}

@Test func listViewsSwapOffsetsAndSizes() throws {
    let item = Field("item", .int64)
    let values: [Int64] = [10, 20, 30]
    // Out of order and overlapping, as list views may be.
    let offsets: [Int32] = [1, 0, 1]
    let sizes: [Int32] = [2, 3, 0]
    try expectSwapped(
        ArrayData(type: .listView(item), length: 3, validity: nil, buffers: [big(offsets), big(sizes)],
                  children: [node(.int64, 3, big(values))]),
        ArrayData(type: .listView(item), length: 3, validity: nil, buffers: [little(offsets), little(sizes)],
                  children: [node(.int64, 3, little(values))]))
    let largeOffsets: [Int64] = [2, 0]
    let largeSizes: [Int64] = [1, 2]
    try expectSwapped(
        ArrayData(type: .largeListView(item), length: 2, validity: nil, buffers: [big(largeOffsets), big(largeSizes)],
                  children: [node(.int64, 3, big(values))]),
        ArrayData(type: .largeListView(item), length: 2, validity: nil, buffers: [little(largeOffsets), little(largeSizes)],
                  children: [node(.int64, 3, little(values))]))
}

@Test func mapsAndStructsSwapEveryLevel() throws {
    let entries = Field("entries", .struct([Field("key", .utf8, nullable: false), Field("value", .float64)]), nullable: false)
    let keyOffsets: [Int32] = [0, 1, 2, 3]
    let keys = bytes(Array("abc".utf8))
    let doubles: [UInt64] = [1.5, -0.0, 1e300].map(\.bitPattern)
    func map(_ order: ([Int32]) -> ArrowBuffer, _ values: ([UInt64]) -> ArrowBuffer) -> ArrayData {
        let entryNode = ArrayData(
            type: entries.type, length: 3, validity: nil, buffers: [],
            children: [
                ArrayData(type: .utf8, length: 3, validity: nil, buffers: [order(keyOffsets), keys]),
                node(.float64, 3, values(doubles)),
            ])
        return ArrayData(type: .map(entries, keysSorted: false), length: 2, validity: nil,
                         buffers: [order([0, 1, 3])], children: [entryNode])
    }
    try expectSwapped(map(big, big), map(little, little))
}

// MARK: - Unions

@Test func unionsKeepTypeIdsAndSwapDenseOffsets() throws {
    let fields = [Field("i", .int32), Field("s", .utf8)]
    let typeIds = bytes([5, 7, 5])
    let strings = bytes(Array("xyz".utf8))
    func children(_ ints: ([Int32]) -> ArrowBuffer, length: Int) -> [ArrayData] {
        [node(.int32, length, ints(Array(repeating: 0x0102_0304, count: length))),
         ArrayData(type: .utf8, length: length, validity: nil, buffers: [ints(Array(0...Int32(length))), strings])]
    }
    let sparse = DataType.union(.sparse, fields, typeIds: [5, 7])
    try expectSwapped(
        ArrayData(type: sparse, length: 3, validity: nil, buffers: [typeIds], children: children(big, length: 3)),
        ArrayData(type: sparse, length: 3, validity: nil, buffers: [typeIds], children: children(little, length: 3)))
    let swappedSparse = try ArrayData(type: sparse, length: 3, validity: nil, buffers: [typeIds], children: children(big, length: 3)).byteSwapped()
    #expect(swappedSparse.buffers[0].baseAddress == typeIds.baseAddress)

    let dense = DataType.union(.dense, fields, typeIds: [5, 7])
    let offsets: [Int32] = [0, 0, 1]
    try expectSwapped(
        ArrayData(type: dense, length: 3, validity: nil, buffers: [typeIds, big(offsets)], children: children(big, length: 2)),
        ArrayData(type: dense, length: 3, validity: nil, buffers: [typeIds, little(offsets)], children: children(little, length: 2)))
}

// MARK: - Views

/// A view's 16 bytes: the length, then the inline bytes or the prefix, buffer index and offset.
private func view(_ length: Int32, inline: [UInt8] = [], prefix: [UInt8] = [], index: Int32 = 0, offset: Int32 = 0,
                  bigEndian: Bool) -> [UInt8] {
    func integer(_ value: Int32) -> [UInt8] {
        withUnsafeBytes(of: bigEndian ? value.bigEndian : value.littleEndian) { Array($0) }
    }
    if length <= 12 {
        return integer(length) + inline + Array(repeating: 0, count: 12 - inline.count)
    }
    return integer(length) + prefix + integer(index) + integer(offset)
}

@Test func viewsSwapLengthsIndicesAndOffsetsButNotBytes() throws {
    let variadic = [bytes(Array("a string longer than twelve bytes".utf8)), bytes(Array("0123456789abcdefghij".utf8))]
    func views(bigEndian: Bool) -> ArrowBuffer {
        bytes(view(5, inline: Array("hello".utf8), bigEndian: bigEndian)
            + view(0, bigEndian: bigEndian)
            + view(12, inline: Array("twelve bytes".utf8), bigEndian: bigEndian)
            + view(20, prefix: Array("a st".utf8), index: 0, offset: 0, bigEndian: bigEndian)
            + view(14, prefix: Array("6789".utf8), index: 1, offset: 6, bigEndian: bigEndian))
    }
    for type in [DataType.utf8View, .binaryView] {
        let bigNode = ArrayData(type: type, length: 5, validity: nil, buffers: [views(bigEndian: true)] + variadic)
        let swapped = try bigNode.byteSwapped()
        #expect(swapped.buffers[0].bytes == views(bigEndian: false).bytes)
        #expect(swapped.buffers.dropFirst().map(\.baseAddress) == variadic.map(\.baseAddress))
        // Back from native order, the lengths are read as they are.
        #expect(try swapped.byteSwappedFromNative().buffers[0].bytes == views(bigEndian: true).bytes)
    }
    // Inline bytes that look like an index and an offset stay as they are.
    let inline = view(12, inline: [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3], bigEndian: true)
    let swapped = try ArrayData(type: .binaryView, length: 1, validity: nil, buffers: [bytes(inline)]).byteSwapped()
    #expect(swapped.buffers[0].bytes == view(12, inline: [0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3], bigEndian: false))
}

// MARK: - Dictionaries, run-end encoded, extension

@Test func dictionariesSwapTheirIndicesAndDictionary() throws {
    let dictionaryType = DataType.dictionary(index: .int32, value: .int64, ordered: false)
    let indices: [Int32] = [2, 0, 1, 2]
    let values: [Int64] = [100, -200, 1 << 40]
    let bigNode = ArrayData(type: dictionaryType, length: 4, validity: nil, buffers: [big(indices)],
                            dictionary: node(.int64, 3, big(values)))
    try expectSwapped(bigNode, ArrayData(type: dictionaryType, length: 4, validity: nil, buffers: [little(indices)],
                                         dictionary: node(.int64, 3, little(values))))
    // A decoded batch's dictionary was swapped on its own already: it is kept.
    let keeping = try bigNode.byteSwapped(includingDictionary: false)
    #expect(keeping.buffers[0].bytes == little(indices).bytes)
    #expect(keeping.dictionary?.buffers[0].baseAddress == bigNode.dictionary?.buffers[0].baseAddress)
    // Every index width.
    for (index, bigIndices, littleIndices) in [
        (DataType.int8, bytes([1, 0]), bytes([1, 0])), (.uint8, bytes([1, 0]), bytes([1, 0])),
        (.int16, big([Int16(1), 0]), little([Int16(1), 0])), (.uint16, big([UInt16(1), 0]), little([UInt16(1), 0])),
        (.uint32, big([UInt32(1), 0]), little([UInt32(1), 0])),
        (.int64, big([Int64(1), 0]), little([Int64(1), 0])), (.uint64, big([UInt64(1), 0]), little([UInt64(1), 0])),
    ] {
        let type = DataType.dictionary(index: index, value: .utf8, ordered: true)
        let strings = ArrayData(type: .utf8, length: 2, validity: nil, buffers: [big([Int32(0), 1, 2]), bytes([65, 66])])
        let nativeStrings = ArrayData(type: .utf8, length: 2, validity: nil, buffers: [little([Int32(0), 1, 2]), bytes([65, 66])])
        try expectSwapped(
            ArrayData(type: type, length: 2, validity: nil, buffers: [bigIndices], dictionary: strings),
            ArrayData(type: type, length: 2, validity: nil, buffers: [littleIndices], dictionary: nativeStrings))
    }
}

@Test func runEndEncodedSwapsItsChildren() throws {
    for (runEndType, bigEnds, littleEnds) in [
        (DataType.int16, big([Int16(2), 5]), little([Int16(2), 5])),
        (.int32, big([Int32(2), 5]), little([Int32(2), 5])),
        (.int64, big([Int64(2), 5]), little([Int64(2), 5])),
    ] {
        let type = DataType.runEndEncoded(runEnds: Field("run_ends", runEndType, nullable: false), values: Field("values", .utf8))
        let data = bytes(Array("abcd".utf8))
        try expectSwapped(
            ArrayData(type: type, length: 5, validity: nil, buffers: [], children: [
                node(runEndType, 2, bigEnds),
                ArrayData(type: .utf8, length: 2, validity: nil, buffers: [big([Int32(0), 1, 4]), data]),
            ]),
            ArrayData(type: type, length: 5, validity: nil, buffers: [], children: [
                node(runEndType, 2, littleEnds),
                ArrayData(type: .utf8, length: 2, validity: nil, buffers: [little([Int32(0), 1, 4]), data]),
            ]))
    }
}

@Test func extensionArraysSwapAsTheirStorage() throws {
    let uuid = DataType.extension(name: "arrow.uuid", storage: .fixedSizeBinary(byteWidth: 16), metadata: "")
    let raw = bytes(Array(0..<32))
    #expect(try node(uuid, 2, raw).byteSwapped().buffers[0].baseAddress == raw.baseAddress)
    let labelled = DataType.extension(name: "example.label", storage: .struct([Field("n", .int32)]), metadata: "{}")
    let values: [Int32] = [7, -7]
    try expectSwapped(
        ArrayData(type: labelled, length: 2, validity: nil, buffers: [], children: [node(.int32, 2, big(values))]),
        ArrayData(type: labelled, length: 2, validity: nil, buffers: [], children: [node(.int32, 2, little(values))]))
    let nested = DataType.extension(name: "outer", storage: .extension(name: "inner", storage: .int64, metadata: ""), metadata: "")
    let longs: [Int64] = [1, 2]
    #expect(try node(nested, 2, big(longs)).byteSwapped().buffers[0].bytes == little(longs).bytes)
}

// MARK: - Malformed input

@Test func partialTrailingValuesAreCopiedAsTheyAre() throws {
    // 7 bytes of int32: one whole value swapped, three bytes copied.
    let odd = node(.int32, 1, bytes([0, 0, 1, 2, 9, 8, 7]))
    #expect(try odd.byteSwapped().buffers[0].bytes == [2, 1, 0, 0, 9, 8, 7])
    // Too short for its length: converted without reading past it, then reported by validation.
    let short = node(.int64, 3, bytes([0, 0, 0, 0, 0, 0, 0, 1, 5]))
    let swapped = try short.byteSwapped()
    #expect(swapped.buffers[0].bytes == [1, 0, 0, 0, 0, 0, 0, 0, 5])
    #expect(throws: ArrowError.self) { try swapped.validate() }
    // Partial decimals, intervals and views.
    for (type, width) in [(DataType.decimal256(precision: 50, scale: 0), 32), (.decimal128(precision: 5, scale: 0), 16),
                          (.interval(.monthDayNano), 16), (.utf8View, 16), (.int16, 2)] {
        for count in [1, width - 1, width + 1, 2 * width + 3] {
            let raw = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 200) }
            let swapped = try node(type, 4, bytes(raw)).byteSwapped()
            #expect(swapped.buffers[0].count == count)
            #expect(swapped.buffers[0].bytes.suffix(count % width) == raw.suffix(count % width))
        }
    }
    // Empty buffers stay empty.
    #expect(try node(.int32, 0, .empty).byteSwapped().buffers[0].count == 0)
}

@Test func viewsWithAnyLengthNeverTrap() throws {
    // Negative and huge lengths: the view's last 12 bytes are left as they are or swapped as
    // an index and an offset; nothing is read outside the views buffer.
    let views = view(-5, inline: [1, 2, 3], bigEndian: true) + view(Int32.max, prefix: [1, 2, 3, 4], index: -1, offset: Int32.min, bigEndian: true)
    let swapped = try ArrayData(type: .utf8View, length: 2, validity: nil, buffers: [bytes(views)]).byteSwapped()
    #expect(swapped.buffers[0].bytes == view(-5, inline: [1, 2, 3], bigEndian: false)
        + view(Int32.max, prefix: [1, 2, 3, 4], index: -1, offset: Int32.min, bigEndian: false))
    #expect(throws: ArrowError.self) { try swapped.validate(.full) }
}

@Test func missingBuffersAreReported() {
    let cases: [(ArrayData, String)] = [
        (ArrayData(type: .int32, length: 1, validity: nil, buffers: []),
         "type int32 keeps values in buffer 0 after the validity bitmap, but the node has 0 buffers"),
        (ArrayData(type: .union(.dense, [Field("a", .int8)], typeIds: [0]), length: 1, validity: nil, buffers: [bytes([0])],
                   children: [node(.int8, 1, bytes([1]))]),
         "type dense_union<a: int8=0> keeps values in buffer 1 after the validity bitmap, but the node has 1 buffers"),
        (ArrayData(type: .largeListView(Field("item", .int8)), length: 0, validity: nil, buffers: [.empty],
                   children: [node(.int8, 0, .empty)]),
         "type large_list_view<item: int8> keeps values in buffer 1 after the validity bitmap, but the node has 1 buffers"),
    ]
    for (data, message) in cases {
        #expect(throws: ArrowError.invalidData(message)) { try data.byteSwapped() }
    }
    // In a child too.
    let list = ArrayData(type: .list(Field("item", .int64)), length: 0, validity: nil, buffers: [big([Int32(0)])],
                         children: [ArrayData(type: .int64, length: 0, validity: nil, buffers: [])])
    #expect(throws: ArrowError.self) { try list.byteSwapped() }
}

@Test func byteSwapReportsDeepNesting() {
    var data = node(.int32, 0, .empty)
    for _ in 0..<100 {
        data = ArrayData(type: .struct([Field("s", data.type)]), length: 0, validity: nil, buffers: [], children: [data])
    }
    #expect(throws: ArrowError.invalidData("the arrays nest more than 64 levels deep")) { try data.byteSwapped() }
}

/// Validation as given to data kept in the other byte order: the checks that read no values.
private func validateLayoutOnly(_ data: ArrayData) throws {
    var path = FieldPath()
    do {
        try data.validate(ValidationRules(level: .full, readsValues: false), path: &path)
    } catch let failure as ValidationFailure {
        throw failure.error
    }
}

@Test func layoutOnlyValidationReadsNoValues() throws {
    // Big-endian offsets read natively would be far past the data; the layout alone is fine.
    let strings = ArrayData(type: .utf8, length: 2, validity: nil, buffers: [big([Int32(0), 1, 3]), bytes([65, 66, 67])])
    #expect(throws: ArrowError.self) { try strings.validate() }
    try validateLayoutOnly(strings)
    // Sizes are still checked, in children and dictionaries too, with the path.
    let list = ArrayData(type: .list(Field("item", .int32)), length: 1, validity: nil, buffers: [big([Int32(0), 3])],
                         children: [node(.int32, 3, bytes([0, 0, 0]))])
    #expect(throws: ArrowError.invalidData("field 'item': values buffer has 3 bytes, needs 12 for 3 slots at offset 0")) {
        try validateLayoutOnly(list)
    }
    let dictionary = ArrayData(type: .dictionary(index: .int16, value: .int64, ordered: false), length: 1, validity: nil,
                               buffers: [big([Int16(0)])], dictionary: node(.int64, 2, bytes([1])))
    #expect(throws: ArrowError.self) { try validateLayoutOnly(dictionary) }
}

// MARK: - Options and readers

@Test func optionsConvertByDefault() {
    #expect(ArrowReadOptions().ensureNativeByteOrder)
    let kept = ArrowReadOptions().ensureNativeByteOrder(false)
    #expect(!kept.ensureNativeByteOrder)
    #expect(kept.ensureNativeByteOrder(true).ensureNativeByteOrder)
    #expect(ArrowReadOptions(ensureNativeByteOrder: false).validation(.full).ensureNativeByteOrder == false)
}

@Test func ourFilesAreLittleEndian() throws {
    let batch = try RecordBatch(schema: Schema([Field("x", .int32)]), columns: [Int32Array([1, 2])])
    let file = try ArrowFileWriter(schema: batch.schema)
    try file.write(batch)
    #expect(try ArrowFileReader(data: try file.finish()).byteOrder == .little)
    let stream = try ArrowStreamWriter(schema: batch.schema)
    try stream.write(batch)
    #expect(try ArrowStreamReader(data: try stream.finish()).byteOrder == .little)
    #expect(Endianness.native == .little)
}

@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct BigEndianGoldenFileTests {
    private static func url(_ name: String, _ suffix: String, set: String = "1.0.0-bigendian") -> URL {
        GoldenData.root!.appendingPathComponent("arrow-ipc-stream/integration/\(set)/generated_\(name).\(suffix)")
    }

    @Test func bigEndianFilesReadInNativeOrderAndWriteLittleEndian() throws {
        let file = try ArrowFileReader(url: Self.url("primitive", "arrow_file"), options: ArrowReadOptions(validation: .full))
        #expect(file.byteOrder == .big)
        let stream = try ArrowStreamReader(url: Self.url("primitive", "stream"))
        #expect(stream.byteOrder == .big)
        let littleEndian = try ArrowFileReader(url: Self.url("primitive", "arrow_file", set: "1.0.0-littleendian"))
        #expect(littleEndian.byteOrder == .little)
        let expected = try littleEndian.readAll()
        let batches = try file.readAll()
        #expect(batches.count == expected.count)
        for (batch, other) in zip(batches, expected) {
            #expect(batch.firstDifference(from: other) == nil)
        }
        for (batch, other) in zip(try stream.readAll(), expected) {
            #expect(batch.firstDifference(from: other) == nil)
        }

        let writer = try ArrowFileWriter(schema: file.schema)
        for batch in batches { try writer.write(batch) }
        let written = try ArrowFileReader(data: try writer.finish())
        #expect(written.byteOrder == .little)
        for (batch, other) in zip(try written.readAll(), expected) {
            #expect(batch.firstDifference(from: other) == nil)
        }
    }

    @Test func keptByteOrderReturnsTheFileBytes() throws {
        let options = ArrowReadOptions(validation: .full, ensureNativeByteOrder: false)
        let kept = try ArrowFileReader(url: Self.url("primitive", "arrow_file"), options: options)
        #expect(kept.byteOrder == .big)
        let converted = try ArrowFileReader(url: Self.url("primitive", "arrow_file"))
        for index in 0..<kept.recordBatchCount {
            let raw = try kept.recordBatch(at: index)
            let native = try converted.recordBatch(at: index)
            for (rawColumn, nativeColumn) in zip(raw.columnData, native.columnData) {
                #expect(allBytes(try rawColumn.byteSwapped()) == allBytes(nativeColumn), "\(rawColumn.type)")
            }
        }
        let stream = try ArrowStreamReader(url: Self.url("nested_large_offsets", "stream"), options: options)
        #expect(stream.byteOrder == .big)
        #expect(try stream.readAll().count > 0)
    }
}

/// A big-endian stream whose dictionary of dense unions gets a delta, read keeping its byte
/// order: the delta is appended to the dictionary in that order too.
@Test func keptByteOrderAppliesDictionaryDeltas() throws {
    let union = DataType.union(.dense, [Field("a", .int32)], typeIds: [0])
    let type = DataType.dictionary(index: .int8, value: union, ordered: false)
    let field = Field("d", type, dictionaryId: 0)
    func unionOf(_ value: Int32, order: ([Int32]) -> ArrowBuffer) -> ArrayData {
        ArrayData(type: union, length: 1, validity: nil, buffers: [bytes([0]), order([0])],
                  children: [node(.int32, 1, order([value]))])
    }
    let sink = MemorySink()
    let writer = HandMadeMessageWriter(sink: sink, alignment: 8)
    try writer.write(Message(version: .v5, header: .schema(Schema([field]), .big), bodyLength: 0, customMetadata: [:]))
    for (values, isDelta) in [(unionOf(5, order: big), false), (unionOf(7, order: big), true)] {
        let encoder = try RecordBatchEncoder.encode(
            RecordBatch(schema: Schema([Field("v", union)]), columnData: [values], rowCount: 1, metadata: [:]))
        let (data, _, bodyLength) = try encoder.body(length: 1, alignment: 8, compressor: nil)
        try writer.write(
            Message(version: .v5, header: .dictionaryBatch(DictionaryBatchHeader(id: 0, data: data, isDelta: isDelta)),
                    bodyLength: Int64(bodyLength), customMetadata: [:]),
            body: encoder.buffers)
    }
    let indices = ArrayData(type: type, length: 2, validity: nil, buffers: [bytes([0, 1])], dictionary: unionOf(5, order: big))
    let encoder = try RecordBatchEncoder.encode(RecordBatch(schema: Schema([field]), columnData: [indices], rowCount: 2, metadata: [:]))
    let (header, _, bodyLength) = try encoder.body(length: 2, alignment: 8, compressor: nil)
    try writer.write(Message(version: .v5, header: .recordBatch(header), bodyLength: Int64(bodyLength), customMetadata: [:]),
                     body: encoder.buffers)
    try writer.writeEndOfStream()

    let expected = ArrayData(type: union, length: 2, validity: nil, buffers: [bytes([0, 0]), little([Int32(0), 1])],
                             children: [node(.int32, 2, little([Int32(5), 7]))])
    let converted = try ArrowStreamReader(data: sink.data, options: ArrowReadOptions(validation: .full))
    #expect(try converted.next()?.columnData[0].dictionary?.firstDifference(from: expected) == nil)
    let kept = try ArrowStreamReader(data: sink.data, options: ArrowReadOptions(ensureNativeByteOrder: false))
    let dictionary = try #require(try kept.next()?.columnData[0].dictionary)
    #expect(try dictionary.byteSwapped().firstDifference(from: expected) == nil)
}
