import Foundation

/// Reads a file in the legacy Feather V1 format (`FEA1` … `FEA1`), which predates the Arrow
/// IPC file format (Feather V2) and is still written by `pyarrow.feather.write_feather(…, version=1)`
/// and older R and Python programs. Read only: write Arrow IPC files instead.
///
/// A V1 file holds one table of equal-length columns, which the reader returns as one
/// record batch. Opening reads only the metadata at the end of the file;
/// ``recordBatch(columns:)`` decodes the selected columns. A file opened from a URL is
/// memory-mapped (unless ``ArrowReadOptions/memoryMapsFiles`` is off), and the columns'
/// buffers point into the mapping: V1 writers align them to 8 bytes, so nothing is copied.
///
/// V1 columns map to Arrow types as pyarrow reads them: booleans, signed and unsigned
/// integers of every width, float32 and float64, utf8, binary and their large forms, date32,
/// time32 and time64, timestamps with unit and time zone, and dictionary-encoded columns
/// (V1's categoricals: the codes are the indices, the levels the dictionary). Every field is
/// nullable. The texts V1 keeps where Arrow has no place become metadata when not empty: the
/// table's description and metadata texts the schema's, under the keys
/// `feather.description` and `feather.metadata`, and a column's user metadata its field's,
/// under `feather.user_metadata`.
///
/// ```swift
/// let reader = try FeatherV1Reader(url: url)
/// print(reader.schema, reader.rowCount)
/// let batch = try reader.recordBatch(columns: [0, 2])
/// ```
///
/// A malformed file is an ``ArrowError`` naming the column, its bytes and what is wrong, as
/// with the IPC readers; each decoded column is validated as ``ArrowReadOptions/validation``
/// says. Of the options' limits, ``ArrowReadOptions/maxMetadataSize`` bounds the metadata;
/// the others bound what V1 does not have (compression, nesting, other byte orders: V1 files
/// are little-endian). Decoding never takes more memory than the file justifies, whatever its
/// metadata claims: at most twice the file's size (its data read once, misaligned parts
/// copied once).
public struct FeatherV1Reader: Sendable, RecordBatchSource {
    /// The columns as Arrow fields, with the file's description and metadata texts as the
    /// schema's metadata.
    public let schema: Schema
    /// The number of rows.
    public let rowCount: Int
    private let metadata: FeatherV1Metadata
    private let bytes: any RandomAccessBytes
    /// Where the data ends and the metadata starts.
    private let dataEnd: Int
    private let options: ArrowReadOptions

    /// Opens the file at `url` and reads its metadata. The file is memory-mapped unless
    /// ``ArrowReadOptions/memoryMapsFiles`` is off; then each column is read from the file
    /// when decoded, and a file that shrinks meanwhile is an ``ArrowError/io(_:)`` naming it.
    /// As with any memory map, a mapped file must not be truncated while batches from it are
    /// in use.
    public init(url: URL, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try options.check()
        let bytes = try InputFile.randomAccessBytes(
            path: url.path, mapped: options.memoryMapsFiles,
            why: "a Feather V1 file needs random access (its metadata is at its end)")
        try self.init(bytes: bytes, options: options)
    }

    /// Reads a file held in memory. The bytes are copied once into aligned memory.
    public init(data: Data, options: ArrowReadOptions = ArrowReadOptions()) throws {
        try self.init(bytes: data.withUnsafeBytes { ArrowBuffer(copying: $0) }, options: options)
    }

    private init(bytes: any RandomAccessBytes, options: ArrowReadOptions) throws {
        try options.check()
        let size = bytes.count
        let magicSize = featherV1Magic.count
        let trailerSize = 4 + magicSize
        guard size >= magicSize + trailerSize else {
            throw ArrowError.invalidData("the file has \(size) bytes, too few for a Feather V1 file")
        }
        guard try bytes.read(offset: 0, count: magicSize, purpose: "the file magic").hasPrefix(featherV1Magic, at: 0) else {
            throw ArrowError.invalidData("the file does not start with the Feather V1 magic 'FEA1'")
        }
        let trailer = try bytes.read(offset: size - trailerSize, count: trailerSize, purpose: "the file trailer")
        guard trailer.hasPrefix(featherV1Magic, at: 4) else {
            throw ArrowError.invalidData("the file does not end with the Feather V1 magic 'FEA1' (truncated?)")
        }
        let metadataLength = Int(UInt32(bitPattern: trailer.loadInt32(at: 0)))
        guard metadataLength <= size - magicSize - trailerSize else {
            throw ArrowError.invalidData(
                "the Feather V1 metadata length \(metadataLength) does not fit in a file of \(size) bytes")
        }
        guard metadataLength <= options.maxMetadataSize else {
            throw ArrowError.invalidData(
                "the Feather V1 metadata has \(metadataLength) bytes, more than the metadata limit of \(options.maxMetadataSize)")
        }
        let dataEnd = size - trailerSize - metadataLength
        let metadataBytes = try bytes.read(offset: dataEnd, count: metadataLength, purpose: "the Feather V1 metadata")
        do {
            metadata = try metadataBytes.withUnsafeBytes {
                try FeatherV1Metadata(flatbuffer: $0, dataRange: magicSize..<dataEnd)
            }
        } catch ArrowError.invalidData(let reason) {
            throw ArrowError.invalidData("the Feather V1 metadata (bytes \(dataEnd)..<\(dataEnd + metadataLength)): \(reason)")
        } catch ArrowError.notSupported(let reason) {
            throw ArrowError.notSupported("the Feather V1 metadata (bytes \(dataEnd)..<\(dataEnd + metadataLength)): \(reason)")
        }
        schema = Schema(metadata.columns.map(\.field), metadata: metadata.schemaMetadata)
        rowCount = metadata.rowCount
        self.bytes = bytes
        self.dataEnd = dataEnd
        self.options = options
    }

    /// The size of the file in bytes.
    public var fileSize: Int { bytes.count }

    /// Whether ``next(columns:)`` has returned the file's one batch.
    private var hasGivenBatch = false

    /// The file's one batch, then `nil`, as a ``RecordBatchSource``.
    public mutating func next(columns: [Int]? = nil) throws -> RecordBatch? {
        guard !hasGivenBatch else { return nil }
        hasGivenBatch = true
        return try recordBatch(columns: columns)
    }

    /// The table as one batch, decoding only `columns` (positions in the schema, in the order
    /// wanted) when given; the batch's schema is the selected fields.
    public func recordBatch(columns: [Int]? = nil) throws -> RecordBatch {
        if let invalid = columns?.first(where: { !schema.fields.indices.contains($0) }) {
            throw ArrowError.invalidArgument("column \(invalid) does not exist; the file has \(schema.fields.count) columns")
        }
        let order = columns ?? Array(schema.fields.indices)
        let selected = Set(order).sorted()
        let arrays = selected.flatMap { [metadata.columns[$0].values] + (metadata.columns[$0].levels.map { [$0] } ?? []) }
        var decoder = try FeatherV1ColumnDecoder(bytes: bytes, dataEnd: dataEnd, version: metadata.version, arrays: arrays)
        let rules = options.validation == .none ? nil : ValidationRules(
            level: options.validation, checksDecimalPrecision: options.checksDecimalPrecision)
        var decoded: [Int: ArrayData] = [:]
        for index in selected {
            decoded[index] = try decoder.decode(metadata.columns[index], index: index, of: schema.fields, rules: rules)
        }
        return RecordBatch(
            schema: Schema(order.map { schema.fields[$0] }, metadata: schema.metadata),
            columnData: order.compactMap { decoded[$0] }, rowCount: rowCount, metadata: [:])
    }
}
