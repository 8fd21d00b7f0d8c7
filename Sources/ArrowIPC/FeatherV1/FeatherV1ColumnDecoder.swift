/// Turns the stored arrays of Feather V1 columns into ``ArrayData``, without copying where
/// the bytes allow.
///
/// A stored array's bytes are split into the validity bitmap (when it has nulls), the
/// offsets (binary and string types) and the values, each checked to lie inside the array's
/// bytes. A part that is not 8-byte aligned (possible only in files older than version 2, or
/// in damaged ones) is copied; the copies may add up to at most the file's data, which the
/// arrays of a well-formed file never overlap to exceed. For the same reason, when the
/// arrays to decode claim more bytes in all than the file's data holds, the data is read
/// once and the arrays sliced from it, rather than each read on its own.
struct FeatherV1ColumnDecoder {
    private let padsBuffers: Bool
    private let dataEnd: Int
    private let bytes: any RandomAccessBytes
    /// The bytes before the metadata, read whole when the arrays overlap.
    private let data: ArrowBuffer?
    private var copiedByteCount = 0

    /// A decoder for `arrays` of the file in `bytes`, whose data ends at `dataEnd` (where
    /// the metadata begins), written by a writer of format `version`.
    init(bytes: any RandomAccessBytes, dataEnd: Int, version: Int32, arrays: [FeatherV1Metadata.StoredArray]) throws {
        self.bytes = bytes
        self.dataEnd = dataEnd
        padsBuffers = version >= 2
        var claimed = 0
        var overlapping = false
        for array in arrays where !overlapping {
            let (sum, overflow) = claimed.addingReportingOverflow(array.byteCount)
            claimed = sum
            overlapping = overflow || claimed > dataEnd
        }
        data = overlapping ? try bytes.read(offset: 0, count: dataEnd, purpose: "the data of the Feather V1 file") : nil
    }

    /// Decodes `column`, which is column `index` of `fields`, validating it by `rules` (not
    /// at all when `nil`).
    mutating func decode(
        _ column: FeatherV1Metadata.Column, index: Int, of fields: [Field], rules: ValidationRules?
    ) throws -> ArrayData {
        let what = "Feather V1 column \(index) '\(column.field.name)'"
        let dictionary = try column.levels.map { try array($0, type: $0.layout, dictionary: nil, what: "\(what) levels") }
        let data = try array(column.values, type: column.field.type, dictionary: dictionary, what: what)
        guard let rules else { return data }
        var path = FieldPath(column: index, of: fields)
        do {
            try data.validate(rules, path: &path)
        } catch let failure as ValidationFailure {
            // Validation reports nodes inside the dictionary without a node number.
            let stored = failure.node == nil ? column.levels ?? column.values : column.values
            let part = failure.node == nil ? " levels" : ""
            throw ArrowError.invalidData(
                "\(what)\(part) (bytes \(stored.offset)..<\(stored.offset + stored.byteCount)): \(failure.problem.message)")
        }
        return data
    }

    /// The array stored as `stored`, of `type` (with the layout of `stored.layout`).
    private mutating func array(
        _ stored: FeatherV1Metadata.StoredArray, type: DataType, dictionary: ArrayData?, what: String
    ) throws -> ArrayData {
        let bytes = try storedBytes(stored, what: what)
        var position = 0
        func next(_ part: String, byteCount: Int?) throws -> ArrowBuffer {
            let available = bytes.count - position
            var count = available
            if let byteCount {
                let padded = padsBuffers ? byteCount.roundedUpToMultipleOf8 : byteCount
                guard let padded, padded <= available else {
                    throw ArrowError.invalidData(
                        "\(what): \(byteCount) bytes of \(part) from byte \(position) run past the array's \(bytes.count) bytes (stored at byte \(stored.offset))")
                }
                count = padded
            }
            defer { position += count }
            return try aligned(bytes.slice(offset: position, length: count) ?? .empty, what: what)
        }
        let validity = stored.nullCount > 0 ? try next("validity bitmap", byteCount: Bitmap.byteCount(stored.length)) : nil
        var buffers: [ArrowBuffer] = []
        let offsetWidth: Int? = switch stored.layout {
        case .utf8, .binary: 4
        case .largeUtf8, .largeBinary: 8
        default: nil
        }
        if let offsetWidth {
            // (A length near Int.max overflows here; such an array needs more bytes than any file has.)
            let (byteCount, overflow) = (stored.length &+ 1).multipliedReportingOverflow(by: offsetWidth)
            buffers.append(try next("offsets", byteCount: overflow || stored.length == Int.max ? Int.max : byteCount))
        }
        buffers.append(try next("values", byteCount: nil))
        return ArrayData(
            type: type, length: stored.length, nullCount: stored.nullCount, validity: validity, buffers: buffers,
            dictionary: dictionary)
    }

    /// The bytes of `stored` (which the metadata checked to lie in the data).
    private func storedBytes(_ stored: FeatherV1Metadata.StoredArray, what: String) throws -> ArrowBuffer {
        if let data {
            guard let slice = data.slice(offset: stored.offset, length: stored.byteCount) else {
                throw ArrowError.invalidData("\(what) lies outside the file's data")
            }
            return slice
        }
        return try bytes.read(offset: stored.offset, count: stored.byteCount, purpose: what)
    }

    /// `buffer`, or a copy of it when it is not 8-byte aligned (typed arrays read through
    /// typed pointers).
    private mutating func aligned(_ buffer: ArrowBuffer, what: String) throws -> ArrowBuffer {
        guard Int(bitPattern: buffer.baseAddress) & 7 != 0 else { return buffer }
        guard buffer.count <= dataEnd - copiedByteCount else {
            throw ArrowError.invalidData(
                "\(what): its misaligned buffers overlap others; realigning them would copy more than the file's \(dataEnd) bytes of data")
        }
        copiedByteCount += buffer.count
        return buffer.withUnsafeBytes { ArrowBuffer(copying: $0) }
    }
}

extension Int {
    /// This non-negative number rounded up to a multiple of 8, or `nil` when that overflows.
    fileprivate var roundedUpToMultipleOf8: Int? {
        let (sum, overflow) = addingReportingOverflow(7)
        return overflow ? nil : sum & ~7
    }
}
