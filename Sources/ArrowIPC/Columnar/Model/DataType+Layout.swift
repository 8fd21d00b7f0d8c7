/// The buffer layout of each type, per the Arrow columnar format: the one table that the IPC
/// decoder, the layout validation and the equality check read. Adding an Arrow type means
/// adding its row to ``DataType/layout`` (the compiler names the switch) and the type-specific
/// checks the compiler names elsewhere.
struct TypeLayout: Sendable, Equatable {
    /// What one buffer after the validity bitmap holds.
    enum Buffer: Sendable, Equatable {
        /// One bit per slot (booleans).
        case bits
        /// `width` bytes per slot.
        case values(width: Int)
        /// `length + 1` offsets of `width` bytes into the data buffer or the first child (an
        /// empty array may have none).
        case offsets(width: Int)
        /// The bytes the offsets point into (binary and strings).
        case data
        /// One offset of `width` bytes per slot into the child (list views).
        case viewOffsets(width: Int)
        /// One size of `width` bytes per slot (list views).
        case sizes(width: Int)
        /// One 8-bit type id per slot (unions).
        case typeIds
        /// One 32-bit offset per slot into the chosen child (dense unions).
        case unionOffsets
        /// One 16-byte view per slot (binary and string views), followed by the variadic data
        /// buffers the long views point into.
        case views
        /// One index per slot into the dictionary, of the index type's width.
        case indices(width: Int)

        /// The buffer's name in messages.
        var name: String {
            switch self {
            case .bits, .values: return "values"
            case .offsets, .viewOffsets, .unionOffsets: return "offsets"
            case .data: return "data"
            case .sizes: return "sizes"
            case .typeIds: return "type ids"
            case .views: return "views"
            case .indices: return "indices"
            }
        }

        /// The bytes this buffer needs for slots `0..<end` (the node's offset plus its
        /// length), or `nil` when that overflows.
        func requiredBytes(slots end: Int) -> Int? {
            switch self {
            case .bits: return Bitmap.byteCount(end)
            case .values(let width), .viewOffsets(let width), .sizes(let width), .indices(let width):
                return Self.product(end, width)
            case .offsets(let width): return end == Int.max ? nil : Self.product(end + 1, width)
            case .typeIds: return end
            case .unionOffsets: return Self.product(end, 4)
            case .views: return Self.product(end, 16)
            case .data: return 0
            }
        }

        private static func product(_ count: Int, _ width: Int) -> Int? {
            let (bytes, overflow) = count.multipliedReportingOverflow(by: width)
            return overflow || width < 0 ? nil : bytes
        }
    }

    /// Whether arrays of the type have a validity bitmap (null, unions and run-end encoded
    /// arrays have none).
    let hasValidity: Bool
    /// The buffers after the validity bitmap, in order.
    let buffers: [Buffer]

    /// Whether variadic data buffers follow the fixed ones (the view types).
    var hasVariadicBuffers: Bool { buffers.last == .views }
}

extension DataType {
    /// The type's buffer layout; an extension type has its storage's.
    var layout: TypeLayout {
        switch self {
        case .null:
            return TypeLayout(hasValidity: false, buffers: [])
        case .boolean:
            return TypeLayout(hasValidity: true, buffers: [.bits])
        case .int8, .int16, .int32, .int64, .uint8, .uint16, .uint32, .uint64, .float16, .float32, .float64,
             .decimal32, .decimal64, .decimal128, .decimal256, .date32, .date64, .time32, .time64, .timestamp,
             .duration, .interval, .fixedSizeBinary:
            return TypeLayout(hasValidity: true, buffers: [.values(width: byteWidth ?? 0)])
        case .binary, .utf8:
            return TypeLayout(hasValidity: true, buffers: [.offsets(width: 4), .data])
        case .largeBinary, .largeUtf8:
            return TypeLayout(hasValidity: true, buffers: [.offsets(width: 8), .data])
        case .binaryView, .utf8View:
            return TypeLayout(hasValidity: true, buffers: [.views])
        case .list, .map:
            return TypeLayout(hasValidity: true, buffers: [.offsets(width: 4)])
        case .largeList:
            return TypeLayout(hasValidity: true, buffers: [.offsets(width: 8)])
        case .listView:
            return TypeLayout(hasValidity: true, buffers: [.viewOffsets(width: 4), .sizes(width: 4)])
        case .largeListView:
            return TypeLayout(hasValidity: true, buffers: [.viewOffsets(width: 8), .sizes(width: 8)])
        case .fixedSizeList, .struct:
            return TypeLayout(hasValidity: true, buffers: [])
        case .union(let mode, _, _):
            return TypeLayout(hasValidity: false, buffers: mode == .dense ? [.typeIds, .unionOffsets] : [.typeIds])
        case .dictionary(let index, _, _):
            return TypeLayout(hasValidity: true, buffers: [.indices(width: index.byteWidth ?? 0)])
        case .runEndEncoded:
            return TypeLayout(hasValidity: false, buffers: [])
        case .extension(_, let storage, _):
            return storage.layout
        }
    }

    /// Whether arrays of this type have a validity bitmap slot in their layout.
    /// Null, union and run-end encoded arrays have none.
    public var hasValidityBuffer: Bool { layout.hasValidity }

    /// The number of fixed buffers after the validity bitmap (``ArrayData/buffers``), not
    /// counting the variadic data buffers of view types.
    public var fixedBufferCount: Int { layout.buffers.count }
}
