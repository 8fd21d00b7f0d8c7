import Foundation

/// An array of `arrow.uuid` values (``UUIDType``): UUIDs stored as 16 bytes each, in
/// big-endian order.
///
/// A zero-copy view over the storage, read as a ``FixedSizeBinaryArray``; `Array(array)`
/// gives `[UUID?]`.
public struct UUIDArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads, of type `extension<arrow.uuid>`.
    public let data: ArrayData
    /// The same slots read as their `fixed_size_binary[16]` storage.
    public let storage: FixedSizeBinaryArray

    /// Wraps `data`, which must be of the type ``UUIDType`` describes and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = (try? UUIDType(data.type)) != nil
        self.init(unchecked: try data.validated(for: "UUIDArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
        storage = FixedSizeBinaryArray(unchecked: data.viewed(as: UUIDType.storage))
    }

    /// An array holding `values`, `nil` meaning null.
    public init(_ values: [UUID?]) {
        var buffer = BufferBuilder(capacity: values.count * 16)
        var validity = BitmapBuilder(capacity: values.count)
        for value in values {
            if let value {
                withUnsafeBytes(of: value.uuid) { buffer.append(contentsOf: $0) }
            } else {
                buffer.appendZeros(16)
            }
            validity.append(value != nil)
        }
        let (bitmap, nullCount) = validity.finishValidity()
        self.init(unchecked: ArrayData(
            type: UUIDType().dataType, length: values.count, nullCount: nullCount,
            validity: bitmap, buffers: [buffer.finish()]))
    }

    /// The UUID in slot `position`, or `nil` when the slot is null.
    public subscript(position: Int) -> UUID? {
        storage.withUnsafeBytes(at: position) { bytes in
            bytes.map { UUID(uuid: $0.loadUnaligned(as: uuid_t.self)) }
        }
    }
}
