/// The bytes of each slot of a string or binary array, whatever its layout, read in place:
/// what the kernels that parse strings or copy bytes loop over.
protocol ByteSlots {
    /// The bytes of slot `index` (0-based, this array's offset applied), null or not; empty
    /// when the slot's offsets or view point outside the data, which validation reports.
    func bytes(_ index: Int) -> UnsafeRawBufferPointer
}

/// Code generic over the reader of a string or binary layout.
protocol ByteSlotsVisitor {
    associatedtype Result
    func visit<Slots: ByteSlots>(_ slots: Slots) throws -> Result
}

extension ArrayData {
    /// Calls `visitor` with the reader of this string or binary array's layout (`binary`,
    /// `string`, their large and view forms, `fixed_size_binary`), or returns `nil` for other
    /// types. The array keeps the memory alive while the visitor runs.
    func visitByteSlots<V: ByteSlotsVisitor>(_ visitor: V) throws -> V.Result? {
        try withExtendedLifetime(self) {
            switch type {
            case .binary, .utf8: return try visitor.visit(OffsetByteSlots<Int32>(self))
            case .largeBinary, .largeUtf8: return try visitor.visit(OffsetByteSlots<Int64>(self))
            case .binaryView, .utf8View: return try visitor.visit(ViewByteSlots(self))
            case .fixedSizeBinary(let width): return try visitor.visit(FixedByteSlots(self, width: width))
            default: return nil
            }
        }
    }
}

/// `binary`, `string` and their large forms: offsets into one data buffer.
struct OffsetByteSlots<Offset: ArrowOffset>: ByteSlots, @unchecked Sendable {
    // The pointers point into buffers the array keeps alive (see `visitByteSlots`).
    private let offsets: OffsetsView<Offset>
    private let data: UnsafeRawPointer
    private let limit: Int

    init(_ array: ArrayData) {
        offsets = OffsetsView(array)
        data = array.buffers[1].baseAddress
        limit = array.buffers[1].count
    }

    @inline(__always)
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        let range = offsets.range(index, limit: limit)
        return UnsafeRawBufferPointer(start: data + range.lowerBound, count: range.count)
    }
}

/// `binary_view` and `string_view`: 16-byte views, short values inline.
struct ViewByteSlots: ByteSlots {
    private let storage: ViewStorage
    private let views: UnsafeRawPointer

    init(_ array: ArrayData) {
        // The views read without the bitmap: null slots are skipped by the kernels.
        storage = ViewStorage(ArrayData(
            type: array.type, length: array.length, offset: array.offset, nullCount: 0,
            validity: nil, buffers: array.buffers))
        views = array.buffers[0].baseAddress
    }

    @inline(__always)
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        storage.withUnsafeBytes(at: index) { $0 ?? UnsafeRawBufferPointer(start: views, count: 0) }
    }
}

/// `fixed_size_binary`: `width` bytes per slot.
struct FixedByteSlots: ByteSlots {
    private let values: UnsafeRawPointer
    private let width: Int

    init(_ array: ArrayData, width: Int) {
        values = array.buffers[0].baseAddress + array.offset &* width
        self.width = width
    }

    @inline(__always)
    func bytes(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: values + index &* width, count: width)
    }
}
