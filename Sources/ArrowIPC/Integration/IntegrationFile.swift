import Foundation

/// The contents of an Arrow integration-test JSON file: the JSON twin of an IPC file or
/// stream that the Arrow project uses to check that implementations agree.
///
/// Decoding builds ``ArrayData`` with the Arrow layout, so the batches can be compared with
/// those read from the IPC twin (``RecordBatch/isEqual(to:floatTolerance:)``) or written out.
/// Extension types are kept as their storage type, with the `ARROW:extension:*` entries in the
/// field's metadata.
public struct IntegrationFile: Sendable {
    /// The schema of the batches, with field and schema metadata in document order.
    public let schema: Schema
    /// The record batches, in document order; columns match fields by position.
    public let batches: [RecordBatch]
    /// The dictionaries listed in the document, by id, decoded.
    public let dictionaries: [Int64: ArrayData]

    /// Decodes a (decompressed) JSON document; throws ``ArrowError/invalidData(_:)`` naming
    /// the JSON path of the first problem.
    public init(json: Data) throws {
        let root = JSONNode(root: try JSONParser.parse([UInt8](json)))
        let schema = try IntegrationSchema.schema(root.member("schema"))
        let decoder = try IntegrationDecoder(schema: schema, dictionaries: root.nonNullMember("dictionaries"))
        self.schema = schema
        self.batches = try root.member("batches").elements().map(decoder.batch)
        self.dictionaries = try decoder.allDictionaries()
    }

    /// Reads and decodes a `.json` file, or a gzip-compressed `.json.gz` file (recognized by
    /// its contents and decompressed with the system's `gzip` program). A FIFO or device is
    /// read to its end, up to 1 GiB, and must hold plain JSON.
    public init(contentsOf url: URL) throws {
        let file = try InputFile.open(path: url.path)
        let contents: ArrowBuffer
        if let size = file.regularFileSize {
            contents = try file.read(offset: 0, count: size, purpose: "the integration JSON")
        } else {
            // A FIFO or device: its first byte must open a JSON object, so that an endless
            // input of something else (/dev/zero) is refused at once rather than read to a limit.
            let source = FileDescriptorSource(file: file)
            var head: [UInt8] = []
            while head.count < 4096, let byte = try source.read(count: 1, purpose: "the integration JSON in \(url.path)")?.bytes[0] {
                head.append(byte)
                guard [0x20, 0x09, 0x0A, 0x0D].contains(byte) else { break }
            }
            guard head.last == UInt8(ascii: "{") else {
                let found = head.last.map { "byte 0x" + String($0, radix: 16) } ?? "nothing"
                throw ArrowError.invalidData("\(url.path) is not an integration JSON file: it starts with \(found), not '{'")
            }
            let rest = try source.readToEnd(limit: 1 << 30, purpose: "the integration JSON in \(url.path)")
            contents = ArrowBuffer(copying: head + rest.bytes)
        }
        if contents.hasPrefix([0x1F, 0x8B], at: 0) {
            guard file.regularFileSize != nil else {
                throw ArrowError.io("\(url.path) is gzip-compressed, which is read from regular files only")
            }
            try self.init(json: Gunzip.decompress(fileAt: url))
        } else {
            try self.init(json: contents.withUnsafeBytes { Data($0) })
        }
    }
}
