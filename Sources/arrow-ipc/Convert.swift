import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc convert`: rewrite any Arrow file or stream in either format.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert an Arrow file or stream, a legacy Feather V1 file, or CSV, TSV, JSON Lines or JSON to the file or stream format.",
        discussion: """
            All batches and all metadata (schema, field, footer and batch metadata) are kept, \
            or with --no-metadata all of it is dropped (extension types keep the metadata that \
            names them). The input is read one batch at a time. The output appears whole or not at all: it is \
            written where no name points at it (an unnamed file, or a hidden temporary name \
            beside the output), flushed to disk, then named, replacing the old file in one step; \
            a failure, or an interruption by Ctrl-C, SIGTERM or SIGHUP (on Linux even SIGKILL), \
            leaves no partial file. A symbolic link is followed and its target replaced; a FIFO \
            or device, like -, is written as the conversion goes.

            Dictionary-encoded columns stay encoded. A file keeps one dictionary per column, so \
            when a stream replaces a dictionary, the file gets the union of the dictionaries \
            (the new values appended as deltas, the indices remapped).

            --compression recompresses every buffer (or, with none, writes plain buffers); a \
            buffer that does not get smaller is stored as it is. --cast converts columns to other \
            types as pyarrow's cast does: a value that does not convert ends the command with an \
            error naming its column, row and value, or with --lenient becomes null. --compat oldest writes the \
            view types as the classic large string, binary and list layouts, for readers that \
            predate them.

            Text input (.csv, .tsv, .jsonl, .ndjson, .json, or --input-format) is read in \
            batches of --batch-rows records, each column's type inferred from the first batch: \
            integers int64, numbers double, true/false bool, ISO 8601 dates date32 and \
            timestamps timestamp (with an offset or Z: tz=UTC), JSON objects structs and arrays \
            lists, otherwise string; empty fields, null and NULL are nulls. --cast gives a \
            column's type, read straight from the text (with --lenient, a value that does not \
            convert is null). A later value that does not fit its column's type is an error \
            naming its line and column, unless --widen lets the type widen. Bad input (a ragged \
            record, an unclosed quote, invalid UTF-8, a JSON syntax error) ends with an error \
            naming the line and column, and no output.
            """)

    @Argument(help: ArgumentHelp(
        "The input file or stream (- for standard input), then the output path (- for standard output). Several Arrow inputs of one schema before the output are concatenated.",
        valueName: "input> <output"))
    var paths: [String] = []

    /// The inputs: every path but the last.
    private var inputs: [String] { Array(paths.dropLast()) }
    /// The output: the last path.
    private var output: String { paths.last ?? "-" }

    @Option(help: "The input's format: csv, tsv, jsonl, json (an array of objects) or arrow. Default: from the extension (.csv, .tsv, .jsonl, .ndjson, .json), otherwise arrow.")
    var inputFormat: InputFormat?

    @Option(help: "The output format: file or stream. Default: stream for .arrows/.stream names and for -, file otherwise.")
    var format: ArrowIPCFormat?

    @Flag(help: "In stream output, send a dictionary that extends the previous one as a delta rather than whole.")
    var emitDictionaryDeltas = false

    @Option(help: "Buffer compression of the output: none, lz4 or zstd.")
    var compression: CompressionChoice = .none

    @Option(parsing: .unconditional, help: ArgumentHelp(
        "The compression level: the codec's own (lz4: 1 to 12; zstd: up to 22, negative for speed), or a fraction from 0.0 (fastest) to 1.0 (strongest) of its range, or automatic (the codec's default, 1).",
        valueName: "level"))
    var level: CompressionLevel = .automatic

    @Option(help: "Layouts the output may use: newest (as the data is) or oldest (views as large string, binary and list).")
    var compat: CompatibilityLevel = .newest

    @Option(help: "Alignment of buffers and messages in bytes: 8 or 64. Default: 64, and when the messages are copied as they are, the buffers keep the input's alignment.")
    var alignment: Int?

    @Option(help: "Metadata version of the output: v5, or v4 for readers older than Arrow 1.0.")
    var metadataVersion: MetadataVersion = .v5

    @Flag(help: "Drop all custom metadata: the schema's, every field's, the footer's and every batch's.")
    var noMetadata = false

    @Flag(help: "Do not flush the output to disk before naming it: faster, but a crash or power loss soon after can lose it.")
    var noSync = false

    @Flag(help: "Decode and encode every batch, even where the messages could be copied as they are: every value is then checked.")
    var reencode = false

    @OptionGroup(title: "Casts")
    var castArguments: CastArguments

    @OptionGroup(title: "Text input")
    var textArguments: TextInputArguments

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func validate() throws {
        guard paths.count >= 2 else { throw ValidationError("convert takes an input (or several) and then the output") }
    }

    func run() throws {
        let casts = try castArguments.types()
        guard inputs.count == 1, let input = inputs.first else {
            try concatenate(inputs, casts: casts)
            return
        }
        let inputFormat = inputFormat ?? InputFormat(path: input)
        try textArguments.check(for: inputFormat)
        if inputFormat.isText {
            let reader = try textArguments.open(
                input, format: inputFormat, columnTypes: casts, castOptions: castArguments.options, timeout: inputOptions.inputTimeout)
            guard textArguments.widen else {
                try write(schema: reader.schema, footerMetadata: [:]) { try reader.forEachBatch($0) }
                return
            }
            let spill = WideningSpill()
            try reader.forEachBatch(spill.write)
            try write(schema: reader.schema, footerMetadata: [:]) { try spill.replay(conformingTo: reader.schema, $0) }
            return
        }
        if try copyMessages(of: [input], casts: casts) { return }
        let source = try inputOptions.open(input)
        let castSchema = try castArguments.schema(source.schema, casting: casts)
        let schema = noMetadata ? castSchema.withoutMetadata : castSchema
        let footerMetadata = noMetadata ? [:] : Self.footerMetadata(of: source)
        // The next batches are read (and decompressed) while this one is written.
        var batches = Self.readAhead(source)
        try output(schema: schema, footerMetadata: footerMetadata).write(contentsOf: &batches) { batch, firstRow in
            let cast = try castArguments.cast(batch, casts, firstRow: firstRow)
            return noMetadata ? cast.withoutMetadata : cast
        }
    }

    /// Writes the batches of every input, one after another, to the output: copied as bytes
    /// where nothing changes, else decoded and encoded. Every input must be Arrow, and have
    /// the first's schema.
    private func concatenate(_ paths: [String], casts: [String: DataType]) throws {
        if let text = paths.first(where: { (inputFormat ?? InputFormat(path: $0)).isText }) {
            throw UsageFailure(message: "only Arrow files and streams are concatenated; \(text) is \(inputFormat ?? InputFormat(path: text)) (convert it on its own)")
        }
        try textArguments.check(for: .arrow)
        if paths.filter({ $0 == "-" }).count > 1 {
            throw UsageFailure(message: "standard input (-) can be only one of the inputs")
        }
        if try copyMessages(of: paths, casts: casts) { return }
        // Every input is opened, and its schema checked, before the output is made.
        // Each input is read one batch ahead of the writing, once its turn comes.
        var sources: [ReadAheadBatchSource] = []
        var footerMetadata: Metadata = [:]
        for path in paths {
            let source = try inputOptions.open(path)
            if let first = sources.first, !source.schema.isEquivalent(to: first.schema) {
                throw CommandFailure(message: "\(path) has another schema than \(paths[0]), so they cannot be concatenated")
            }
            if sources.isEmpty, !noMetadata { footerMetadata = Self.footerMetadata(of: source) }
            sources.append(Self.readAhead(source))
        }
        let castSchema = try castArguments.schema(sources[0].schema, casting: casts)
        let schema = noMetadata ? castSchema.withoutMetadata : castSchema
        var firstRow = 0
        try write(schema: schema, footerMetadata: footerMetadata) { write in
            for source in sources {
                while let batch = try source.next(columns: nil) {
                    let cast = try castArguments.cast(batch, casts, firstRow: firstRow)
                    try write(noMetadata ? cast.withoutMetadata : cast)
                    firstRow = try addRows(firstRow, batch.rowCount)
                }
            }
        }
    }

    /// `source` read ahead of the writing. A ZSTD-compressed file is read two batches at a
    /// time, each on a thread of its own, so that both cores decompress while the last large
    /// buffer of a batch is decompressed alone: 0.92–0.97 of the time of a ZSTD file's
    /// conversion to a plain stream, for one batch's memory more. Anything else is read one
    /// batch ahead: an LZ4 file's conversion gained nothing from two readers (1.01).
    private static func readAhead(_ source: sending ArrowBatchSource) -> ReadAheadBatchSource {
        if case .file(let file) = source, file.recordBatchCount > 1,
           (try? file.recordBatchInfo(at: 0))?.compression == .zstd {
            return ReadAheadBatchSource(file: file)
        }
        return ReadAheadBatchSource(source)
    }

    /// Copies the messages of `inputs` to the output as bytes, when they are Arrow files or
    /// streams on regular files and no option changes a message; returns whether it did.
    private func copyMessages(of inputs: [String], casts: [String: DataType]) throws -> Bool {
        guard !reencode, casts.isEmpty, !noMetadata, !inputs.contains("-") else { return false }
        let scanned: ArrowMessageCopy?
        do {
            scanned = try ArrowMessageCopy(inputs: inputs.map { URL(fileURLWithPath: $0) }, options: inputOptions.readOptions())
        } catch ArrowError.invalidArgument(let reason) {
            // Inputs of different schemas: an input that does not fit, not a usage error.
            throw CommandFailure(message: reason)
        }
        guard let copy = scanned else { return false }
        let format = format ?? Self.defaultFormat(for: output)
        let options = writeOptions
        // Without --alignment, the buffers keep the input's alignment (8 bytes at least, as the format asks).
        let bufferAlignment = alignment ?? 8
        guard try copy.obstacle(to: format, options: options, bufferAlignment: bufferAlignment) == nil else { return false }
        if output == "-" {
            try copy.write(to: .standardOutput, format: format, options: options, bufferAlignment: bufferAlignment)
        } else {
            try copy.write(to: URL(fileURLWithPath: output), format: format, options: options, bufferAlignment: bufferAlignment)
        }
        return true
    }

    private var writeOptions: ArrowWriteOptions {
        ArrowWriteOptions(
            alignment: alignment ?? 64, emitDictionaryDeltas: emitDictionaryDeltas, compression: compression.codec,
            compressionLevel: level, compatibility: compat, metadataVersion: metadataVersion, syncsToDisk: !noSync)
    }

    /// Writes the output: `copy` hands every batch to a writer of `schema`, which is finished
    /// at the end (or cancelled on an error, so that a failure leaves no output).
    private func write(
        schema: Schema, footerMetadata: Metadata, _ copy: ((RecordBatch) throws -> Void) throws -> Void
    ) throws {
        let sink = try output(schema: schema, footerMetadata: footerMetadata)
        do { try copy(sink.write) } catch { sink.cancel(); throw error }
        try sink.finish()
    }

    /// A writer of `schema` in the format asked for, to the output path or standard output.
    private func output(schema: Schema, footerMetadata: Metadata) throws -> any RecordBatchSink {
        let options = writeOptions
        let url = URL(fileURLWithPath: output)
        switch format ?? Self.defaultFormat(for: output) {
        case .file:
            return output == "-"
                ? try ArrowFileWriter(fileHandle: .standardOutput, schema: schema, footerMetadata: footerMetadata, options: options)
                : try ArrowFileWriter(url: url, schema: schema, footerMetadata: footerMetadata, options: options)
        case .stream:
            return output == "-"
                ? try ArrowStreamWriter(fileHandle: .standardOutput, schema: schema, options: options)
                : try ArrowStreamWriter(url: url, schema: schema, options: options)
        }
    }

    /// The footer metadata of a file, kept in the output; none for a stream.
    private static func footerMetadata(of source: ArrowBatchSource) -> Metadata {
        if case .file(let reader) = source { reader.footerMetadata } else { [:] }
    }

    static func defaultFormat(for path: String) -> ArrowIPCFormat {
        path == "-" ? .stream : .defaultForOutput(named: path)
    }
}

extension ArrowIPCFormat: ExpressibleByArgument {}

extension CompatibilityLevel: ExpressibleByArgument {}

/// The `--compression` choices: a codec or none.
enum CompressionChoice: String, CaseIterable, ExpressibleByArgument {
    case none, lz4, zstd

    var codec: CompressionCodec? {
        switch self {
        case .none: nil
        case .lz4: .lz4Frame
        case .zstd: .zstd
        }
    }
}

extension CompressionLevel: ExpressibleByArgument {
    /// `automatic`, an integer (the codec's own level) or a number with a point (a fraction).
    public init?(argument: String) {
        if argument == "automatic" {
            self = .automatic
        } else if let level = Int(argument) {
            self = .exactly(level)
        } else if argument.contains("."), let fraction = Double(argument), fraction.isFinite {
            self = .fraction(fraction)
        } else {
            return nil
        }
    }
}

extension MetadataVersion: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument.lowercased() {
        case "v4": self = .v4
        case "v5": self = .v5
        default: return nil
        }
    }

    public static var allValueStrings: [String] { ["v4", "v5"] }
}
