/// What an Arrow IPC file or stream (or a Feather V1 file) holds, without its data: format,
/// schema, counts of rows, columns and batches, size and metadata — what `arrow-ipc inspect` prints.
///
/// Fill it from plain values (readers know them from the footer and message headers), then
/// print it for people (`description`) or programs (``json``).
public struct FileSummary: Sendable, Hashable, CustomStringConvertible {
    /// One record batch: its rows, its message's custom metadata and its body's size.
    public struct Batch: Sendable, Hashable {
        /// The number of rows.
        public var rowCount: Int
        /// The custom metadata of the batch's message; usually empty.
        public var metadata: Metadata
        /// The size of the body as stored, in bytes (see ``RecordBatchInfo/bodyLength``).
        public var bodyLength: Int
        /// The size of the body decompressed (see ``RecordBatchInfo/uncompressedBodyLength``).
        public var uncompressedBodyLength: Int

        /// A batch of `rowCount` rows with `metadata`, whose body takes `bodyLength` bytes
        /// stored and `uncompressedBodyLength` (by default the same) decompressed.
        public init(rowCount: Int, metadata: Metadata = [:], bodyLength: Int = 0, uncompressedBodyLength: Int? = nil) {
            self.rowCount = rowCount
            self.metadata = metadata
            self.bodyLength = bodyLength
            self.uncompressedBodyLength = uncompressedBodyLength ?? bodyLength
        }

        /// The batch as its message header describes it.
        public init(_ info: RecordBatchInfo) {
            self.init(
                rowCount: info.rowCount, metadata: info.metadata, bodyLength: info.bodyLength,
                uncompressedBodyLength: info.uncompressedBodyLength)
        }
    }

    /// Whether the bytes are an IPC file, an IPC stream or a Feather V1 file (one batch).
    public var format: ArrowInputFormat
    /// The schema, with field and schema metadata.
    public var schema: Schema
    /// The record batches, in order.
    public var batches: [Batch]
    /// The size in bytes, or `nil` when unknown (a pipe).
    public var fileSize: Int?
    /// The file footer's custom metadata; empty for streams.
    public var footerMetadata: Metadata
    /// The codec of the first batch's body, or `nil` when it is not compressed (or there is
    /// no batch).
    public var compression: CompressionCodec?

    /// A summary from its parts.
    public init(
        format: ArrowInputFormat, schema: Schema, batches: [Batch], fileSize: Int? = nil, footerMetadata: Metadata = [:],
        compression: CompressionCodec? = nil
    ) {
        self.format = format
        self.schema = schema
        self.batches = batches
        self.fileSize = fileSize
        self.footerMetadata = footerMetadata
        self.compression = compression
    }

    /// The bytes the batches' bodies take as stored.
    public var bodyLength: Int { Self.sum(batches.map(\.bodyLength)) }

    /// The bytes the batches' bodies take decompressed.
    public var uncompressedBodyLength: Int { Self.sum(batches.map(\.uncompressedBodyLength)) }

    /// The sum, or `Int.max` when it does not fit.
    private static func sum(_ values: [Int]) -> Int {
        var total = 0
        for value in values {
            let (sum, overflow) = total.addingReportingOverflow(value)
            if overflow { return Int.max }
            total = sum
        }
        return total
    }

    /// The number of rows in all batches (`Int.max` if they could not be counted in an `Int`).
    public var rowCount: Int { Self.sum(batches.map(\.rowCount)) }

    /// The number of columns (top-level fields).
    public var columnCount: Int { schema.fields.count }

    /// The number of record batches.
    public var batchCount: Int { batches.count }

    /// A description for people, for example:
    ///
    /// ```
    /// format:   file
    /// size:     1234 bytes
    /// rows:     8
    /// columns:  2
    /// batches:  2 (rows: 4, 4)
    /// compression: zstd (bodies 312 bytes, 1024 uncompressed)
    ///
    /// columns:
    ///   0  id    int64  not null
    ///   1  name  utf8
    ///        unit: none
    ///   2  id    extension<arrow.uuid>
    ///        extension: arrow.uuid, storage fixed_size_binary[16]
    ///   3  tag   dictionary<values=string, indices=int8, ordered=0>
    ///        dictionary: id 0, indices int8, unordered
    /// schema metadata:
    ///   origin: test
    /// ```
    ///
    /// A dictionary-encoded column gets a `dictionary:` line (id, index type, ordering), an
    /// extension column an `extension:` line: its name, its storage type, and its metadata
    /// when that is short (up to ``shortExtensionMetadata`` bytes; else its size). A column
    /// whose metadata names an extension that is not registered (so it reads as its storage
    /// type) gets the line too, marked `not registered`. Rows per batch are listed for the
    /// first 20 batches; names and metadata have control characters escaped. The compression
    /// line says `none` for plain bodies; a compressed file also gets the size of its bodies
    /// (all batches) as stored and decompressed.
    public var description: String {
        var lines: [String] = []
        lines.append("format:   \(format)")
        if let fileSize {
            lines.append("size:     \(fileSize) byte\(fileSize == 1 ? "" : "s")")
        }
        lines.append("rows:     \(rowCount)")
        lines.append("columns:  \(columnCount)")
        var batchLine = "batches:  \(batchCount)"
        if !batches.isEmpty {
            let shown = batches.prefix(20).map { String($0.rowCount) }.joined(separator: ", ")
            batchLine += " (rows: \(shown)\(batches.count > 20 ? ", … \(batches.count - 20) more" : ""))"
        }
        lines.append(batchLine)
        if let compression {
            lines.append("compression: \(compression.rawValue) (bodies \(bodyLength) bytes, \(uncompressedBodyLength) uncompressed)")
        } else {
            lines.append("compression: none")
        }
        lines.append("")
        lines.append("columns:")
        let names = schema.fields.map { TerminalText.escapingControls($0.name) }
        let types = schema.fields.map { TerminalText.escapingControls("\($0.type)") }
        let indexWidth = String(max(0, schema.fields.count - 1)).count
        let nameWidth = names.map(TerminalText.width).max() ?? 0
        let typeWidth = types.map(TerminalText.width).max() ?? 0
        for (position, field) in schema.fields.enumerated() {
            var line = "  " + pad(String(position), to: indexWidth, right: true)
            line += "  " + pad(names[position], to: nameWidth)
            if field.isNullable {
                line += "  " + types[position]
            } else {
                line += "  " + pad(types[position], to: typeWidth) + "  not null"
            }
            lines.append(line)
            let indent = String(repeating: " ", count: indexWidth + 6)
            if let dictionary = Self.dictionary(of: field) {
                let order = dictionary.ordered ? "ordered" : "unordered"
                let id = dictionary.id.map(String.init) ?? "none"
                lines.append(indent + "dictionary: id \(id), indices \(dictionary.indexType), \(order)")
            }
            if let info = Self.extensionInfo(of: field) {
                var text = "extension: " + TerminalText.escapingControls(info.name)
                if !info.registered { text += " (not registered)" }
                text += ", storage " + TerminalText.escapingControls("\(info.storage)")
                if info.metadata.utf8.count <= Self.shortExtensionMetadata {
                    if !info.metadata.isEmpty { text += ", metadata " + TerminalText.escapingControls(info.metadata) }
                } else {
                    text += ", metadata of \(info.metadata.utf8.count) bytes"
                }
                lines.append(indent + text)
            }
            appendMetadata(field.metadata, indent: indent, to: &lines)
        }
        if !schema.metadata.isEmpty {
            lines.append("schema metadata:")
            appendMetadata(schema.metadata, indent: "  ", to: &lines)
        }
        if !footerMetadata.isEmpty {
            lines.append("footer metadata:")
            appendMetadata(footerMetadata, indent: "  ", to: &lines)
        }
        for (position, batch) in batches.enumerated() where !batch.metadata.isEmpty {
            lines.append("batch \(position) metadata:")
            appendMetadata(batch.metadata, indent: "  ", to: &lines)
        }
        return lines.joined(separator: "\n")
    }

    /// One JSON object on one line (with a final newline):
    ///
    /// `{"format":"file","fileSize":1234,"rowCount":8,"columnCount":2,"batchCount":2,`
    /// `"columns":[{"name":"id","type":"int64","nullable":false,"metadata":{}},…],`
    /// `"metadata":{…},"footerMetadata":{…},"compression":"zstd","bodyBytes":312,`
    /// `"uncompressedBodyBytes":1024,"batches":[{"rows":4,"metadata":{}},…]}`
    ///
    /// `format` is `file`, `stream` or `feather-v1` (``ArrowInputFormat/rawValue``; the text
    /// says `Feather V1`). `fileSize` is `null` when unknown; `compression` is `null` for plain bodies; `type` is
    /// `"\(type)"`. Metadata are objects with
    /// the pairs in order; a repeated key appears twice (JSON readers usually keep the last).
    /// Each column also has `"dictionary"`, `null` unless dictionary-encoded:
    /// `{"id":0,"indexType":"int8","ordered":false}` (`id` is `null` when the field has
    /// none), and `"extension"`, `null` unless the column's type or metadata names an
    /// extension: `{"name":"arrow.uuid","metadata":"","storage":"fixed_size_binary[16]","registered":true}`.
    public var json: String {
        var out = "{\"format\":"
        JSONText.appendString(format.rawValue, to: &out)
        out += ",\"fileSize\":" + (fileSize.map(String.init) ?? "null")
        out += ",\"rowCount\":\(rowCount),\"columnCount\":\(columnCount),\"batchCount\":\(batchCount)"
        out += ",\"columns\":["
        for (position, field) in schema.fields.enumerated() {
            out += position == 0 ? "{" : ",{"
            field.appendJSONNameAndType(to: &out)
            out += ",\"nullable\":\(field.isNullable),\"metadata\":"
            field.metadata.appendJSON(to: &out)
            out += ",\"dictionary\":"
            if let dictionary = Self.dictionary(of: field) {
                out += "{\"id\":" + (dictionary.id.map(String.init) ?? "null") + ",\"indexType\":"
                JSONText.appendString("\(dictionary.indexType)", to: &out)
                out += ",\"ordered\":\(dictionary.ordered)}"
            } else {
                out += "null"
            }
            out += ",\"extension\":"
            if let info = Self.extensionInfo(of: field) {
                out += "{\"name\":"
                JSONText.appendString(info.name, to: &out)
                out += ",\"metadata\":"
                JSONText.appendString(info.metadata, to: &out)
                out += ",\"storage\":"
                JSONText.appendString("\(info.storage)", to: &out)
                out += ",\"registered\":\(info.registered)}"
            } else {
                out += "null"
            }
            out += "}"
        }
        out += "],\"metadata\":"
        schema.metadata.appendJSON(to: &out)
        out += ",\"footerMetadata\":"
        footerMetadata.appendJSON(to: &out)
        out += ",\"compression\":" + (compression.map { "\"\($0.rawValue)\"" } ?? "null")
        out += ",\"bodyBytes\":\(bodyLength),\"uncompressedBodyBytes\":\(uncompressedBodyLength)"
        out += ",\"batches\":["
        for (position, batch) in batches.enumerated() {
            out += position == 0 ? "{\"rows\":\(batch.rowCount),\"metadata\":" : ",{\"rows\":\(batch.rowCount),\"metadata\":"
            batch.metadata.appendJSON(to: &out)
            out += "}"
        }
        out += "]}"
        return out
    }

    /// The longest extension metadata, in bytes, that the text shows whole.
    public static let shortExtensionMetadata = 64

    /// The dictionary encoding of a field (also under an extension type): its id, index
    /// type and ordering; `nil` when it is not dictionary-encoded.
    private static func dictionary(of field: Field) -> (id: Int64?, indexType: DataType, ordered: Bool)? {
        guard case .dictionary(let indexType, _, let ordered) = field.type.storageType else { return nil }
        return (field.dictionaryId, indexType, ordered)
    }

    /// The extension of a field: the one its type is, else the one its metadata names (which
    /// a reader left as its storage type); whether ``ExtensionRegistry/shared`` knows the
    /// name; `nil` for neither.
    private static func extensionInfo(of field: Field) -> (name: String, metadata: String, storage: DataType, registered: Bool)? {
        let name: String, metadata: String, storage: DataType
        if case .extension(let typeName, let typeStorage, let typeMetadata) = field.type {
            (name, metadata, storage) = (typeName, typeMetadata, typeStorage)
        } else if let metadataName = field.metadata[ExtensionRegistry.nameKey] {
            (name, metadata, storage) = (metadataName, field.metadata[ExtensionRegistry.metadataKey] ?? "", field.type)
        } else {
            return nil
        }
        return (name, metadata, storage, ExtensionRegistry.shared.type(named: name) != nil)
    }

    private func appendMetadata(_ metadata: Metadata, indent: String, to lines: inout [String]) {
        for entry in metadata {
            lines.append(indent + TerminalText.escapingControls(entry.key) + ": " + TerminalText.escapingControls(entry.value))
        }
    }

    private func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - TerminalText.width(text)))
        return right ? padding + text : text + padding
    }
}
