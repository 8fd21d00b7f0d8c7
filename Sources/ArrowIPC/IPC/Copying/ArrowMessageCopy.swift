import Foundation

/// Converts Arrow IPC files and streams into one file or stream by copying their messages as
/// bytes, without decoding a body: file ↔ stream, and the concatenation of inputs of one schema.
///
/// Opening scans every input: each message's framing and metadata are read and checked as a
/// reader checks them before it reads a buffer — the framing, the `Message` flatbuffer, the
/// order of schema, dictionary and record batch messages, a file's footer and blocks, every
/// record batch's and dictionary batch's field nodes and buffers against the schema (counts,
/// row counts, null counts, each buffer inside the body and as large as its slots need).
/// A damaged input is an error then, before anything is written. What only a decoder reads —
/// the values (offsets pointing inside their data, UTF-8, compressed frames) — is not checked:
/// decode and encode (``ArrowFileWriter``, ``ArrowStreamWriter``) to check it.
///
/// Writing frames each message's metadata anew for where it lands (the `Message` flatbuffer
/// is re-encoded as it was decoded, padded so that the body starts at a multiple of the
/// alignment), and copies the body from its input: with `copy_file_range` on Linux between
/// regular files, otherwise by reading and writing. A file gets its magic, its messages at
/// 8-byte boundaries and a footer with the schema and every block; a stream its end-of-stream
/// marker. The output is what the writers would write for the same batches, where they would
/// lay out the buffers the same way, and it appears whole or not at all, as theirs does.
///
/// The copy applies when nothing in a message has to change (see
/// ``obstacle(to:options:bufferAlignment:)``); otherwise decode and encode.
///
/// ```swift
/// if let copy = try ArrowMessageCopy(inputs: [a, b]),
///    try copy.obstacle(to: .stream, options: options) == nil {
///     try copy.write(to: output, format: .stream, options: options)
/// }
/// ```
public struct ArrowMessageCopy {
    /// The schema of every input.
    public let schema: Schema
    /// The footer metadata of the first input, when it is a file; otherwise empty.
    public let footerMetadata: Metadata
    private let inputs: [CopiedInput]

    /// Scans `inputs`, regular files each holding an Arrow IPC file or stream; `nil` when one
    /// of them is something else (a Feather V1 file, a FIFO, a device, an empty file), which
    /// the readers read instead. Throws for a damaged input, naming it when there are
    /// several, and when an input's schema differs from the first's (metadata included),
    /// naming the first that differs.
    public init?(inputs: [URL], options: ArrowReadOptions = ArrowReadOptions()) throws {
        try options.check()
        guard !inputs.isEmpty else { throw ArrowError.invalidArgument("there is no input to copy") }
        var scanned: [CopiedInput] = []
        for url in inputs {
            var info = stat()
            guard stat(url.path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size > 0 else { return nil }
            let format: ArrowIPCFormat
            switch try ArrowInputFormat.detect(url: url) {
            case .featherV1: return nil
            case .file: format = .file
            case .stream: format = .stream
            }
            do {
                scanned.append(try CopiedInput(path: url.path, format: format, options: options))
            } catch let error as ArrowError where inputs.count > 1 {
                // (An I/O error names the file already.)
                if case .io(let reason) = error, reason.contains(url.path) { throw error }
                throw error.located(url.path)
            }
        }
        let first = scanned[0]
        if let differing = scanned.first(where: { !$0.schema.isEquivalent(to: first.schema) }) {
            throw ArrowError.invalidArgument(
                "\(differing.path) has another schema than \(first.path): \(differing.schema.describedDifference(from: first.schema))")
        }
        self.inputs = scanned
        schema = first.schema
        footerMetadata = first.footerMetadata
    }

    /// The number of record batches of all inputs.
    public var recordBatchCount: Int {
        inputs.reduce(0) { total, input in
            total + input.messages.count { if case .recordBatch = $0.message.header { true } else { false } }
        }
    }

    /// Why the messages cannot be copied as they are into `format` written with `options`, or
    /// `nil` when they can.
    ///
    /// The copy keeps each body as it is, so every message must already be what the output
    /// asks for: little-endian, in metadata version ``ArrowWriteOptions/metadataVersion``,
    /// compressed with ``ArrowWriteOptions/compression`` (none when `nil`) without a level
    /// asked for, with the layouts ``ArrowWriteOptions/compatibility`` allows, and buffers at
    /// offsets that are multiples of `bufferAlignment` (by default the options' alignment; 8
    /// keeps the layout of any input that aligns its buffers as the format requires).
    /// Dictionaries must stay valid: a file cannot replace one, so a stream that replaces a
    /// dictionary goes to a file only by decoding, and inputs after the first must repeat the
    /// first's dictionary batches exactly (which are then written once). A stream output
    /// keeps deltas only under ``ArrowWriteOptions/emitDictionaryDeltas``, and replacements
    /// (also those of later inputs) only without it. Reads the dictionary bodies of later
    /// inputs to compare them.
    public func obstacle(to format: ArrowIPCFormat, options: ArrowWriteOptions, bufferAlignment: Int? = nil) throws -> String? {
        let alignment = bufferAlignment ?? options.alignment
        for input in inputs {
            if input.schema != schema {
                return "\(input.path) writes the schema of \(inputs[0].path) otherwise (dictionary ids, names of map fields, order of metadata)"
            }
            if input.endianness != .little {
                return "\(input.path) is big-endian; the writers write little-endian"
            }
            if !input.versions.isSubset(of: [options.metadataVersion]) {
                let versions = input.versions.map { "V\($0.rawValue + 1)" }.sorted().joined(separator: ", ")
                return "\(input.path) has metadata \(versions); the output asks for V\(options.metadataVersion.rawValue + 1)"
            }
            if input.compressions.contains(where: { $0 != options.compression }) {
                return "\(input.path) has bodies compressed otherwise than the output asks"
            }
            if input.bufferAlignment < alignment {
                return "\(input.path) has buffers aligned to \(input.bufferAlignment) bytes; the output asks for \(alignment)"
            }
            if input.replacesDictionaries, format == .file || options.emitDictionaryDeltas {
                return "\(input.path) replaces a dictionary, which \(format == .file ? "a file cannot" : "becomes a delta")"
            }
            if input.hasDictionaryDeltas, format == .stream, !options.emitDictionaryDeltas {
                return "\(input.path) has dictionary deltas, which a stream gets only when emitDictionaryDeltas asks for them"
            }
        }
        let hasDictionaries = schema.fields.contains { $0.type.containsDictionary }
        if hasDictionaries, inputs.count > 1, format == .stream, options.emitDictionaryDeltas {
            return "the dictionaries of later inputs replace the first's, which may become deltas"
        }
        if options.compression != nil, options.compressionLevel != .automatic {
            return "a compression level asks for the bodies to be compressed again"
        }
        if options.compatibility == .oldest, schema.classicLayout != schema {
            return "compatibility oldest rewrites the view types"
        }
        if format == .file, inputs.count > 1, hasDictionaries {
            let first = try dictionaryBatches(of: inputs[0])
            for input in inputs.dropFirst() where try dictionaryBatches(of: input) != first {
                return "\(input.path) has other dictionaries than \(inputs[0].path), and a file cannot replace a dictionary"
            }
        }
        return nil
    }

    /// The dictionary batches of `input`, each as its metadata and body bytes.
    private func dictionaryBatches(of input: CopiedInput) throws -> [[UInt8]] {
        try input.messages.compactMap { source in
            guard case .dictionaryBatch = source.message.header else { return nil }
            let body = try source.body.readAll(purpose: "a dictionary batch of \(input.path)")
            return source.message.flatbuffer() + body.withUnsafeBytes { Array($0) }
        }
    }

    /// Writes the messages of every input, in order, to a new file at `url` in `format`,
    /// which appears there whole when this returns and not at all when it throws (see
    /// ``ArrowStreamWriter/init(url:schema:options:)``). Check
    /// ``obstacle(to:options:bufferAlignment:)`` first, with the same `bufferAlignment`: the
    /// messages are copied as they are, whatever `options` ask beyond the alignment of
    /// message starts and flushing to disk. A body of 1 MiB or more starts at the same place
    /// in a 4096-byte page as in its input (when that place is a multiple of
    /// `bufferAlignment`), so that the system copies whole pages: a few KiB more padding.
    public func write(
        to url: URL, format: ArrowIPCFormat, options: ArrowWriteOptions = ArrowWriteOptions(), bufferAlignment: Int? = nil
    ) throws {
        let lineUp = bufferAlignment ?? options.alignment
        switch format {
        case .file:
            try copy(
                into: try ArrowFileWriter(url: url, schema: schema, footerMetadata: footerMetadata, options: writerOptions(options)),
                lineUp)
        case .stream:
            try copy(into: try ArrowStreamWriter(url: url, schema: schema, options: writerOptions(options)), lineUp)
        }
    }

    /// Writes the messages of every input, in order, to `fileHandle` (standard output, a pipe,
    /// an open file) in `format`, as ``write(to:format:options:bufferAlignment:)-(URL,_,_,_)``
    /// writes a file; the handle stays open.
    public func write(
        to fileHandle: FileHandle, format: ArrowIPCFormat, options: ArrowWriteOptions = ArrowWriteOptions(),
        bufferAlignment: Int? = nil
    ) throws {
        let lineUp = bufferAlignment ?? options.alignment
        switch format {
        case .file:
            try copy(
                into: try ArrowFileWriter(
                    fileHandle: fileHandle, schema: schema, footerMetadata: footerMetadata, options: writerOptions(options)),
                lineUp)
        case .stream:
            try copy(into: try ArrowStreamWriter(fileHandle: fileHandle, schema: schema, options: writerOptions(options)), lineUp)
        }
    }

    /// What the writer that frames the copied messages takes from `options`: the alignment,
    /// the metadata version of the schema message and footer, and flushing to disk.
    private func writerOptions(_ options: ArrowWriteOptions) -> ArrowWriteOptions {
        ArrowWriteOptions(alignment: options.alignment, metadataVersion: options.metadataVersion, syncsToDisk: options.syncsToDisk)
    }

    private func copy(into writer: ArrowFileWriter, _ lineUpAlignment: Int) throws {
        do {
            for (index, input) in inputs.enumerated() {
                // (Later inputs repeat the first's dictionaries: see obstacle(to:options:bufferAlignment:).)
                for source in input.messages where index == 0 || !source.isDictionaryBatch {
                    try writer.writeCopy(of: source, lineUpAlignment: lineUpAlignment)
                }
            }
        } catch {
            writer.cancel()
            throw error
        }
        try writer.finish()
    }

    private func copy(into writer: ArrowStreamWriter, _ lineUpAlignment: Int) throws {
        do {
            for input in inputs {
                for source in input.messages { try writer.writeCopy(of: source, lineUpAlignment: lineUpAlignment) }
            }
        } catch {
            writer.cancel()
            throw error
        }
        try writer.finish()
    }
}

extension SourceMessage {
    var isDictionaryBatch: Bool {
        if case .dictionaryBatch = message.header { return true }
        return false
    }
}

extension Schema {
    /// What first differs between this schema and `other`, for an error.
    func describedDifference(from other: Schema) -> String {
        guard fields.count == other.fields.count else {
            return "\(fields.count) fields against \(other.fields.count)"
        }
        for (index, (field, expected)) in zip(fields, other.fields).enumerated() where !field.isEquivalent(to: expected) {
            func describe(_ field: Field) -> String { "'\(field.name)': \(field.type)\(field.isNullable ? "" : " not null")" }
            let metadata = field.metadata.comparableForm != expected.metadata.comparableForm ? " (its metadata differs)" : ""
            return "field \(index) is \(describe(field)) against \(describe(expected))\(metadata)"
        }
        return "the schema metadata differs"
    }
}
