/// Byte-order conversion of array data: how a file written on a machine of the other byte
/// order (the `1.0.0-bigendian` golden set, for one) becomes native data.
///
/// Only multi-byte values change: integers, floats, temporal values, intervals and decimals,
/// the offsets of binary, string, list and map nodes, list view offsets and sizes, dense
/// union offsets, the length, buffer index and offset fields of views, dictionary indices.
/// Bitmaps, bytes (binary, string, fixed-size binary data, view prefixes and inline bytes),
/// one-byte values and union type ids stay as they are, and their buffers are shared, not copied.
extension ArrayData {
    /// This node, in the other byte order than the machine's, with every multi-byte value in its
    /// buffers, and in its children's, byte-swapped into native order in new aligned buffers;
    /// buffers without such values are shared. (Only views tell the two directions apart: their
    /// length, read in the other order, says what their last 12 bytes hold.) With
    /// `includingDictionary`, the dictionary is swapped too (recursively); otherwise it is kept,
    /// as when it was decoded, and swapped, on its own.
    ///
    /// Whole values are swapped; the bytes after the last whole value of a buffer (which the
    /// node's length never reaches in valid data) are copied as they are, so a buffer of any
    /// size converts without reading outside it — validation reports one too short afterwards.
    /// Throws ``ArrowError/invalidData(_:)`` when a node lacks a buffer its type's values are
    /// in, or the nodes nest deeper than ``maximumNestingDepth``.
    func byteSwapped(includingDictionary: Bool = true) throws -> ArrayData {
        try byteSwapped(includingDictionary: includingDictionary, toNative: true, depth: 0)
    }

    /// This node, in the machine's byte order, with every multi-byte value swapped into the
    /// other order: the inverse of ``byteSwapped(includingDictionary:)``, dictionary included.
    func byteSwappedFromNative() throws -> ArrayData {
        try byteSwapped(includingDictionary: true, toNative: false, depth: 0)
    }

    private func byteSwapped(includingDictionary: Bool, toNative: Bool, depth: Int) throws -> ArrayData {
        guard depth <= Self.maximumNestingDepth else {
            throw ArrowError.invalidData("the arrays nest more than \(Self.maximumNestingDepth) levels deep")
        }
        var buffers = self.buffers
        let type = self.type.storageType
        switch type {
        case .int16, .uint16, .float16:
            try Self.swap(&buffers, at: 0, .twoBytes, of: type)
        case .int32, .uint32, .float32, .date32, .time32, .decimal32, .interval(.yearMonth), .interval(.dayTime):
            // A day-time interval is two 32-bit integers, each swapped on its own.
            try Self.swap(&buffers, at: 0, .fourBytes, of: type)
        case .int64, .uint64, .float64, .date64, .time64, .timestamp, .duration, .decimal64:
            try Self.swap(&buffers, at: 0, .eightBytes, of: type)
        case .interval(.monthDayNano):
            try Self.swap(&buffers, at: 0, .monthDayNano, of: type)
        case .decimal128:
            try Self.swap(&buffers, at: 0, .sixteenBytes, of: type)
        case .decimal256:
            try Self.swap(&buffers, at: 0, .thirtyTwoBytes, of: type)
        case .binary, .utf8, .list, .map:
            try Self.swap(&buffers, at: 0, .fourBytes, of: type)
        case .largeBinary, .largeUtf8, .largeList:
            try Self.swap(&buffers, at: 0, .eightBytes, of: type)
        case .listView:
            try Self.swap(&buffers, at: 0, .fourBytes, of: type)
            try Self.swap(&buffers, at: 1, .fourBytes, of: type)
        case .largeListView:
            try Self.swap(&buffers, at: 0, .eightBytes, of: type)
            try Self.swap(&buffers, at: 1, .eightBytes, of: type)
        case .union(.dense, _, _):
            try Self.swap(&buffers, at: 1, .fourBytes, of: type)
        case .binaryView, .utf8View:
            try Self.swap(&buffers, at: 0, toNative ? .viewsToNative : .viewsFromNative, of: type)
        case .dictionary(let index, _, _):
            switch index.byteWidth {
            case 2: try Self.swap(&buffers, at: 0, .twoBytes, of: type)
            case 4: try Self.swap(&buffers, at: 0, .fourBytes, of: type)
            case 8: try Self.swap(&buffers, at: 0, .eightBytes, of: type)
            default: break
            }
        case .null, .boolean, .int8, .uint8, .fixedSizeBinary, .fixedSizeList, .struct, .union(.sparse, _, _),
             .runEndEncoded, .extension:
            break
        }
        let children = try self.children.map {
            try $0.byteSwapped(includingDictionary: includingDictionary, toNative: toNative, depth: depth + 1)
        }
        var dictionary = self.dictionary
        if includingDictionary {
            dictionary = try dictionary?.byteSwapped(includingDictionary: true, toNative: toNative, depth: depth + 1)
        }
        return ArrayData(
            type: self.type, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: children, dictionary: dictionary)
    }

    /// Replaces `buffers[index]` with its byte-swapped copy.
    private static func swap(_ buffers: inout [ArrowBuffer], at index: Int, _ layout: SwapLayout, of type: DataType) throws {
        guard buffers.indices.contains(index) else {
            throw ArrowError.invalidData(
                "type \(type) keeps values in buffer \(index) after the validity bitmap, but the node has \(buffers.count) buffers")
        }
        buffers[index] = layout.swapped(buffers[index])
    }
}

/// Where the multi-byte fields are in each value of a buffer, and how each is swapped.
private enum SwapLayout {
    /// One 2-, 4- or 8-byte integer per value.
    case twoBytes, fourBytes, eightBytes
    /// A 16- or 32-byte two's-complement integer (decimal128, decimal256): all bytes reversed.
    case sixteenBytes, thirtyTwoBytes
    /// Months (4 bytes), days (4 bytes), nanoseconds (8 bytes), each swapped on its own.
    case monthDayNano
    /// A 16-byte view: a 4-byte length, then up to 12 inline bytes, or a 4-byte prefix, a
    /// 4-byte buffer index and a 4-byte offset. Which of the two a view holds depends on its
    /// length, read in the source's order: the other one (into native order) or the native one.
    case viewsToNative, viewsFromNative

    /// The size of one value in bytes.
    var width: Int {
        switch self {
        case .twoBytes: return 2
        case .fourBytes: return 4
        case .eightBytes: return 8
        case .sixteenBytes, .monthDayNano, .viewsToNative, .viewsFromNative: return 16
        case .thirtyTwoBytes: return 32
        }
    }

    /// A new buffer holding `buffer` with each whole value swapped, and the bytes after the
    /// last whole value copied as they are; an empty buffer is returned as it is.
    func swapped(_ buffer: ArrowBuffer) -> ArrowBuffer {
        guard buffer.count > 0 else { return buffer }
        let count = buffer.count / width
        let whole = count * width
        return buffer.withUnsafeBytes { source in
            ArrowBuffer(count: source.count) { destination in
                guard let from = source.baseAddress, let to = destination.baseAddress else { return }
                swap(count, from: from, to: to)
                (to + whole).copyMemory(from: from + whole, byteCount: source.count - whole)
            }
        }
    }

    /// Writes `count` values from `source`, swapped, to `destination`.
    private func swap(_ count: Int, from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer) {
        switch self {
        case .twoBytes:
            Self.swapIntegers(UInt16.self, count, from: source, to: destination)
        case .fourBytes:
            Self.swapIntegers(UInt32.self, count, from: source, to: destination)
        case .eightBytes:
            Self.swapIntegers(UInt64.self, count, from: source, to: destination)
        case .sixteenBytes:
            // Reversing 16 bytes: swap each 8-byte half and exchange the halves.
            for value in 0..<count {
                let at = value &* 16
                let high = source.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                let low = source.loadUnaligned(fromByteOffset: at &+ 8, as: UInt64.self)
                destination.storeBytes(of: low.byteSwapped, toByteOffset: at, as: UInt64.self)
                destination.storeBytes(of: high.byteSwapped, toByteOffset: at &+ 8, as: UInt64.self)
            }
        case .thirtyTwoBytes:
            for value in 0..<count {
                let at = value &* 32
                for word in 0..<4 {
                    let part = source.loadUnaligned(fromByteOffset: at &+ word &* 8, as: UInt64.self)
                    destination.storeBytes(of: part.byteSwapped, toByteOffset: at &+ (3 &- word) &* 8, as: UInt64.self)
                }
            }
        case .monthDayNano:
            for value in 0..<count {
                let at = value &* 16
                let months = source.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                let days = source.loadUnaligned(fromByteOffset: at &+ 4, as: UInt32.self)
                let nanoseconds = source.loadUnaligned(fromByteOffset: at &+ 8, as: UInt64.self)
                destination.storeBytes(of: months.byteSwapped, toByteOffset: at, as: UInt32.self)
                destination.storeBytes(of: days.byteSwapped, toByteOffset: at &+ 4, as: UInt32.self)
                destination.storeBytes(of: nanoseconds.byteSwapped, toByteOffset: at &+ 8, as: UInt64.self)
            }
        case .viewsToNative, .viewsFromNative:
            // The inline bytes and prefixes stay; the length decides whether the last 8 bytes
            // are bytes or a buffer index and an offset.
            destination.copyMemory(from: source, byteCount: count &* 16)
            let lengthIsSwapped = self == .viewsToNative
            for value in 0..<count {
                let at = value &* 16
                let stored = source.loadUnaligned(fromByteOffset: at, as: UInt32.self)
                let length = Int32(bitPattern: lengthIsSwapped ? stored.byteSwapped : stored)
                destination.storeBytes(of: stored.byteSwapped, toByteOffset: at, as: UInt32.self)
                if length > 12 {
                    let index = source.loadUnaligned(fromByteOffset: at &+ 8, as: UInt32.self)
                    let offset = source.loadUnaligned(fromByteOffset: at &+ 12, as: UInt32.self)
                    destination.storeBytes(of: index.byteSwapped, toByteOffset: at &+ 8, as: UInt32.self)
                    destination.storeBytes(of: offset.byteSwapped, toByteOffset: at &+ 12, as: UInt32.self)
                }
            }
        }
    }

    private static func swapIntegers<Value: FixedWidthInteger>(
        _: Value.Type, _ count: Int, from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer
    ) {
        let width = MemoryLayout<Value>.size
        for value in 0..<count {
            let at = value &* width
            destination.storeBytes(of: source.loadUnaligned(fromByteOffset: at, as: Value.self).byteSwapped, toByteOffset: at, as: Value.self)
        }
    }
}
