/// A bounds-checked reader over one FlatBuffers buffer.
///
/// Every read checks its offsets against the buffer before touching memory and never assumes
/// alignment, so arbitrary bytes produce a thrown ``ArrowError/invalidData(_:)`` naming the table
/// and field at fault, never a trap. The caller keeps the memory alive while the reader and the
/// tables it hands out are in use.
///
/// Strings are decoded once per position: a buffer that points at one string many times costs no
/// more memory than the string itself.
final class FlatBufferReader {
    /// The whole buffer.
    let bytes: UnsafeRawBufferPointer
    private var strings: [Int: String] = [:]

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The buffer size in bytes.
    var count: Int { bytes.count }

    /// The root table, found through the unsigned offset in the first four bytes.
    func root(_ name: String) throws -> FlatBufferTable {
        guard contains(0, 4) else {
            throw ArrowError.invalidData(
                "the \(name) metadata is \(count) bytes, too short to hold a root offset")
        }
        let offset = Int(load(UInt32.self, at: 0))
        return try FlatBufferTable(reader: self, position: offset, name: name)
    }

    /// Whether `length` bytes starting at `position` lie inside the buffer (overflow-safe).
    func contains(_ position: Int, _ length: Int) -> Bool {
        guard position >= 0, length >= 0, position <= count else { return false }
        return length <= count - position
    }

    /// Loads a little-endian integer at `position`; the caller has checked the range.
    func load<T: FixedWidthInteger>(_ type: T.Type, at position: Int) -> T {
        T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    /// Follows the unsigned offset stored at `position` (already range-checked) to its target.
    func follow(_ position: Int, _ what: @autoclosure () -> String) throws -> Int {
        let target = position + Int(load(UInt32.self, at: position))
        guard target < count else {
            throw ArrowError.invalidData(
                "\(what()) points to offset \(target), past the end of the metadata (buffer \(count) bytes)")
        }
        return target
    }

    /// Decodes the string whose length prefix is at `position`, checking range and UTF-8.
    func string(at position: Int, _ what: @autoclosure () -> String) throws -> String {
        if let cached = strings[position] { return cached }
        guard contains(position, 4) else {
            throw ArrowError.invalidData(
                "\(what()) string length at offset \(position) runs past the end of the metadata (buffer \(count) bytes)")
        }
        let length = Int(load(UInt32.self, at: position))
        guard contains(position + 4, length) else {
            throw ArrowError.invalidData(
                "\(what()) string runs past the end of the metadata (offset \(position), length \(length), buffer \(count) bytes)")
        }
        let utf8 = UnsafeRawBufferPointer(rebasing: bytes[(position + 4)..<(position + 4 + length)])
        guard let value = String(validating: utf8.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw ArrowError.invalidData("\(what()) string at offset \(position) is not valid UTF-8")
        }
        strings[position] = value
        return value
    }
}

/// One table in a ``FlatBufferReader``'s buffer, with its vtable located and checked.
struct FlatBufferTable {
    let reader: FlatBufferReader
    /// The table's offset in the buffer.
    let position: Int
    /// The schema name of the table type, for error messages ("Field", "Message").
    let name: String
    private let vtable: Int
    private let vtableSize: Int

    init(reader: FlatBufferReader, position: Int, name: String) throws {
        guard reader.contains(position, 4) else {
            throw ArrowError.invalidData(
                "\(name) table at offset \(position) runs past the end of the metadata (buffer \(reader.count) bytes)")
        }
        let back = Int(reader.load(Int32.self, at: position))
        let vtable = position - back
        guard reader.contains(vtable, 4) else {
            throw ArrowError.invalidData(
                "\(name) table at offset \(position) points to a vtable at offset \(vtable), outside the metadata (buffer \(reader.count) bytes)")
        }
        let vtableSize = Int(reader.load(UInt16.self, at: vtable))
        let inlineSize = Int(reader.load(UInt16.self, at: vtable + 2))
        guard vtableSize >= 4, vtableSize % 2 == 0, reader.contains(vtable, vtableSize) else {
            throw ArrowError.invalidData(
                "\(name) vtable at offset \(vtable) has an invalid size \(vtableSize) (buffer \(reader.count) bytes)")
        }
        guard reader.contains(position, inlineSize) else {
            throw ArrowError.invalidData(
                "\(name) table at offset \(position) claims \(inlineSize) bytes, past the end of the metadata (buffer \(reader.count) bytes)")
        }
        self.reader = reader
        self.position = position
        self.name = name
        self.vtable = vtable
        self.vtableSize = vtableSize
    }

    /// The absolute position of field `slot` when present, after checking that `size` bytes fit.
    private func fieldPosition(_ slot: Int, _ field: String, size: Int) throws -> Int? {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return nil }
        let relative = Int(reader.load(UInt16.self, at: vtable + entry))
        guard relative != 0 else { return nil }
        let absolute = position + relative
        guard reader.contains(absolute, size) else {
            throw ArrowError.invalidData(
                "\(name).\(field) at offset \(absolute) runs past the end of the metadata (size \(size), buffer \(reader.count) bytes)")
        }
        return absolute
    }

    /// Whether field `slot` is stored (not defaulted or absent).
    func has(_ slot: Int) -> Bool {
        let entry = 4 + 2 * slot
        guard entry + 2 <= vtableSize else { return false }
        return reader.load(UInt16.self, at: vtable + entry) != 0
    }

    /// The integer field `slot`, or `defaultValue` when absent.
    func scalar<T: FixedWidthInteger>(_ slot: Int, _ field: String, default defaultValue: T) throws -> T {
        guard let at = try fieldPosition(slot, field, size: MemoryLayout<T>.size) else { return defaultValue }
        return reader.load(T.self, at: at)
    }

    /// The boolean field `slot` (any non-zero byte is true), or `defaultValue` when absent.
    func bool(_ slot: Int, _ field: String, default defaultValue: Bool) throws -> Bool {
        guard let at = try fieldPosition(slot, field, size: 1) else { return defaultValue }
        return reader.load(UInt8.self, at: at) != 0
    }

    /// The sub-table in field `slot`, of table type `type`, or `nil` when absent.
    func table(_ slot: Int, _ field: String, type: String) throws -> FlatBufferTable? {
        guard let at = try fieldPosition(slot, field, size: 4) else { return nil }
        let target = try reader.follow(at, "\(name).\(field)")
        return try FlatBufferTable(reader: reader, position: target, name: type)
    }

    /// The string in field `slot`, or `nil` when absent.
    func string(_ slot: Int, _ field: String) throws -> String? {
        guard let at = try fieldPosition(slot, field, size: 4) else { return nil }
        let target = try reader.follow(at, "\(name).\(field)")
        return try reader.string(at: target, "\(name).\(field)")
    }

    /// The vector in field `slot` with elements of `elementSize` bytes, or `nil` when absent.
    ///
    /// The whole vector is checked to lie in the buffer, so a vector can never claim more
    /// elements than there are bytes left.
    func vector(_ slot: Int, _ field: String, elementSize: Int) throws -> FlatBufferVector? {
        guard let at = try fieldPosition(slot, field, size: 4) else { return nil }
        let what = "\(name).\(field)"
        let target = try reader.follow(at, what)
        guard reader.contains(target, 4) else {
            throw ArrowError.invalidData(
                "\(what) vector length at offset \(target) runs past the end of the metadata (buffer \(reader.count) bytes)")
        }
        let length = Int(reader.load(UInt32.self, at: target))
        let (byteCount, overflow) = length.multipliedReportingOverflow(by: elementSize)
        guard !overflow, reader.contains(target + 4, byteCount) else {
            throw ArrowError.invalidData(
                "\(what) vector runs past the end of the metadata (offset \(target), length \(length), buffer \(reader.count) bytes)")
        }
        return FlatBufferVector(reader: reader, start: target + 4, count: length, elementSize: elementSize, name: what)
    }
}

/// A vector in a ``FlatBufferReader``'s buffer whose elements are known to lie in the buffer.
struct FlatBufferVector {
    let reader: FlatBufferReader
    /// The position of the first element.
    let start: Int
    /// The number of elements.
    let count: Int
    /// The size of one element in bytes.
    let elementSize: Int
    /// "Table.field", for error messages.
    let name: String

    /// Loads the integer at `byteOffset` inside element `index` (`index < count`).
    func load<T: FixedWidthInteger>(_ type: T.Type, at index: Int, byteOffset: Int = 0) -> T {
        reader.load(T.self, at: start + index * elementSize + byteOffset)
    }

    /// The table that element `index` (`index < count`) of a vector of tables points to.
    func table(at index: Int, type: String) throws -> FlatBufferTable {
        let target = try reader.follow(start + index * elementSize, "\(name)[\(index)]")
        return try FlatBufferTable(reader: reader, position: target, name: type)
    }
}
