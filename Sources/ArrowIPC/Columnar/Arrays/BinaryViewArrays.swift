/// An array of byte strings stored as 16-byte views (`binary_view`).
///
/// Each view holds its string's length and either the bytes themselves (up to 12) or their
/// first 4 bytes and where the rest lie in one of the data buffers. A zero-copy view honoring
/// the node's offset; elements are copied out as `[UInt8]`, or read in place with
/// ``withUnsafeBytes(at:_:)``. `Array(array)` gives `[[UInt8]?]`.
public struct BinaryViewArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData
    let storage: ViewStorage

    /// Wraps `data`, which must be of type `binary_view` and pass ``ArrayData/validate(_:)``
    /// at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "binary_view array", readable: data.type == .binaryView))
    }

    /// Wraps `data` whose layout is known to be right: a `binary_view` node, or a
    /// `string_view` node read as bytes.
    init(unchecked data: ArrayData) {
        self.data = data
        storage = ViewStorage(data)
    }

    /// An array holding `values`, `nil` meaning null: values of up to 12 bytes are stored in
    /// their views, longer ones in one data buffer.
    ///
    /// - Precondition: the values longer than 12 bytes total at most `Int32.max` bytes.
    public init(_ values: [[UInt8]?]) {
        self.init(unchecked: ViewStorage.build(values, type: .binaryView) { value, store in
            guard let value else { return false }
            value.withUnsafeBytes { store($0) }
            return true
        })
    }

    /// A copy of the bytes in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> [UInt8]? {
        withUnsafeBytes(at: position) { $0.map { Array($0) } }
    }

    /// Calls `body` with the bytes of slot `index` in place, or with `nil` when it is null.
    /// A view pointing outside the data buffers (which `ArrayData.validate(.full)` reports)
    /// reads as empty.
    public func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        return try withExtendedLifetime(data) { try storage.withUnsafeBytes(at: index, body) }
    }
}

/// An array of UTF-8 strings stored as 16-byte views (`string_view`).
///
/// A zero-copy view honoring the node's offset. Reading an element decodes its bytes as
/// UTF-8, replacing invalid sequences with U+FFFD (`ArrayData.validate(.full)` reports them).
/// `Array(array)` gives `[String?]`.
public struct StringViewArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The same node read as bytes: a string view array is a binary view array whose bytes
    /// are UTF-8.
    let bytes: BinaryViewArray

    /// Wraps `data`, which must be of type `string_view` and pass ``ArrayData/validate(_:)``
    /// at the default level.
    public init(_ data: ArrayData) throws {
        self.init(unchecked: try data.validated(for: "string_view array", readable: data.type == .utf8View))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        bytes = BinaryViewArray(unchecked: data)
    }

    /// An array holding `values`, `nil` meaning null: strings of up to 12 UTF-8 bytes are
    /// stored in their views, longer ones in one data buffer.
    ///
    /// - Precondition: the strings longer than 12 bytes total at most `Int32.max` UTF-8 bytes.
    public init(_ values: [String?]) {
        self.init(unchecked: ViewStorage.build(values, type: .utf8View) { value, store in
            guard var value else { return false }
            value.withUTF8 { store(UnsafeRawBufferPointer($0)) }
            return true
        })
    }

    /// The node this array reads.
    public var data: ArrayData { bytes.data }

    /// The string in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> String? {
        bytes.withUnsafeBytes(at: position) { utf8 in
            utf8.map { String(decoding: $0.assumingMemoryBound(to: UInt8.self), as: UTF8.self) }
        }
    }

    /// Calls `body` with the UTF-8 bytes of slot `index` in place, or with `nil` when it is null.
    public func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        try bytes.withUnsafeBytes(at: index, body)
    }
}

/// The views, data buffers and validity of a binary or string view node, read in place.
struct ViewStorage: Sendable {
    /// The node read.
    private let data: ArrayData

    /// The number of bytes a view holds in place.
    static let inlineCapacity = 12

    /// Reads `data`, whose buffers are the views then the data buffers.
    init(_ data: ArrayData) {
        self.data = data
    }

    /// Calls `body` with slot `index`'s bytes, or `nil` when it is null; a view with a
    /// negative length or pointing outside the data buffers gives empty bytes.
    @inline(__always)
    func withUnsafeBytes<R>(at index: Int, _ body: (UnsafeRawBufferPointer?) throws -> R) rethrows -> R {
        let slot = data.offset &+ index
        if let validity = data.validity, !validity.baseAddress.arrowBit(slot) {
            return try body(nil)
        }
        // The bytes stay valid outside the closure: `data` keeps its buffers alive.
        let bytes = (try? data.withViewBytes(slot: slot) { $0 }) ?? UnsafeRawBufferPointer(start: nil, count: 0)
        return try body(bytes)
    }

    /// A node of `type` holding `values`; `bytes` hands a value's bytes to the function it
    /// is given and returns `true`, or returns `false` for a null.
    static func build<Value>(
        _ values: [Value], type: DataType,
        bytes: (Value, (UnsafeRawBufferPointer) -> Void) -> Bool
    ) -> ArrayData {
        var views = [UInt8](repeating: 0, count: values.count * 16)
        var long: [UInt8] = []
        var validity = BitmapBuilder(capacity: values.count)
        views.withUnsafeMutableBytes { views in
            guard let base = views.baseAddress else { return }
            for (index, value) in values.enumerated() {
                let view = base + index * 16
                let valid = bytes(value) { value in
                    precondition(
                        value.count <= inlineCapacity || long.count + value.count <= Int32.max,
                        "the long values exceed the \(Int32.max) bytes a data buffer of \(type) can hold")
                    view.storeBytes(of: Int32(value.count), as: Int32.self)
                    if value.count <= inlineCapacity {
                        UnsafeMutableRawBufferPointer(start: view + 4, count: value.count).copyMemory(from: value)
                    } else {
                        UnsafeMutableRawBufferPointer(start: view + 4, count: 4).copyMemory(from: UnsafeRawBufferPointer(rebasing: value[0..<4]))
                        view.storeBytes(of: Int32(0), toByteOffset: 8, as: Int32.self)
                        view.storeBytes(of: Int32(long.count), toByteOffset: 12, as: Int32.self)
                        long.append(contentsOf: value)
                    }
                }
                validity.append(valid)
            }
        }
        let (bitmap, nullCount) = validity.finishValidity()
        let viewBuffer = ArrowBuffer(copying: views)
        return ArrayData(
            type: type, length: values.count, nullCount: nullCount, validity: bitmap,
            buffers: long.isEmpty ? [viewBuffer] : [viewBuffer, ArrowBuffer(copying: long)])
    }
}
