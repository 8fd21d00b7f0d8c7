import Foundation

/// Where ``ArrowRecovery`` writes the batches it keeps: a writer of either format, to a URL
/// (where the output appears whole when finished, or not at all) or to memory.
enum RecoveryOutput {
    case file(ArrowFileWriter)
    case stream(ArrowStreamWriter)

    /// A writer of `schema` in `format` to `url`, or to memory when `nil`; a file gets
    /// `footerMetadata` in its footer.
    init(format: ArrowIPCFormat, url: URL?, schema: Schema, footerMetadata: Metadata, options: ArrowWriteOptions) throws {
        switch (format, url) {
        case (.file, let url?):
            self = .file(try ArrowFileWriter(url: url, schema: schema, footerMetadata: footerMetadata, options: options))
        case (.file, nil):
            self = .file(try ArrowFileWriter(schema: schema, footerMetadata: footerMetadata, options: options))
        case (.stream, let url?):
            self = .stream(try ArrowStreamWriter(url: url, schema: schema, options: options))
        case (.stream, nil):
            self = .stream(try ArrowStreamWriter(schema: schema, options: options))
        }
    }

    func write(_ batch: RecordBatch) throws {
        switch self {
        case .file(let writer): try writer.write(batch)
        case .stream(let writer): try writer.write(batch)
        }
    }

    /// Ends the output; returns it when written to memory, else empty `Data`.
    func finish() throws -> Data {
        switch self {
        case .file(let writer): try writer.finish()
        case .stream(let writer): try writer.finish()
        }
    }

    /// Abandons the output: a URL keeps what it held.
    func cancel() {
        switch self {
        case .file(let writer): writer.cancel()
        case .stream(let writer): writer.cancel()
        }
    }
}
