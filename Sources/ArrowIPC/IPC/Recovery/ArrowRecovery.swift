import Foundation

/// Recovers what a truncated or damaged Arrow IPC file or stream still holds: every complete
/// record batch before the first failure, written out again as a valid file or stream.
///
/// A crash part-way through writing, or a cut download, leaves an input that readers refuse —
/// a file without its footer, a stream that ends inside a message — though every batch before
/// the cut is still in it. Recovery reads the input front to back, as the stream reader does:
/// a file as the stream after its magic, so that its footer is not needed. It writes each
/// batch it decodes, with the dictionaries the batch needs, one batch at a time, and stops at
/// the first message that is incomplete or does not decode (or, for a file, at a missing or
/// damaged end-of-stream marker or footer). The ``RecoveryReport`` says how many batches and
/// rows were kept and where the input broke.
///
/// The output keeps the schema with its metadata and each batch's custom metadata; a file
/// copied to a file keeps its footer metadata too when the footer still reads. Batches come
/// out in the native byte order, and compressed as ``ArrowWriteOptions`` say (uncompressed
/// by default), whatever the input's.
///
/// An input without a whole schema message — cut inside it, empty, or not Arrow at all — has
/// nothing to recover: that is an error, and nothing is written.
///
/// ```swift
/// let report = try ArrowRecovery.recover(from: brokenURL, to: fixedURL)
/// if let damage = report.breakPoint {
///     print("kept \(report.batchesKept) batches; broken at byte \(damage.offset): \(damage.reason)")
/// }
/// ```
public enum ArrowRecovery {
    /// Recovers the file or stream at `input` into the one at `output`, which appears whole
    /// when this returns and not at all when it throws (what the path held stays until then).
    ///
    /// - Parameters:
    ///   - format: The output's format; by default from `output`'s name, as the `arrow-ipc`
    ///     tool does (``ArrowIPCFormat/defaultForOutput(named:)``).
    ///   - readOptions: How the input is read: a regular file is memory-mapped unless
    ///     ``ArrowReadOptions/memoryMapsFiles`` is off, and with ``ValidationLevel/full`` every
    ///     value is checked, so that a batch with corrupt values ends the recovery too. A FIFO
    ///     or device is read as it arrives.
    ///   - writeOptions: How the output is written (compression, alignment, compatibility).
    /// - Throws: When the input has no whole schema message, or cannot be opened, or the
    ///   output cannot be written.
    @discardableResult
    public static func recover(
        from input: URL, to output: URL, format: ArrowIPCFormat? = nil,
        readOptions: ArrowReadOptions = ArrowReadOptions(), writeOptions: ArrowWriteOptions = ArrowWriteOptions()
    ) throws -> RecoveryReport {
        let options = readOptions.ensureNativeByteOrder(true)
        let file = try InputFile.open(path: input.path)
        let source: any ByteSource
        let footerMetadata: () -> Metadata
        if options.memoryMapsFiles, file.regularFileSize != nil {
            let bytes = try file.map()
            source = MemorySource(bytes)
            footerMetadata = { Self.footerMetadata { try ArrowFileReader(buffer: bytes, options: options) } }
        } else {
            source = FileDescriptorSource(file: file)
            // (A FIFO or device is read once, front to back: its footer cannot be read apart.)
            footerMetadata = file.regularFileSize == nil
                ? { [:] }
                : { Self.footerMetadata { try ArrowFileReader(url: input, options: options) } }
        }
        return try recover(
            source, footerMetadata: footerMetadata, to: output, format: format ?? .defaultForOutput(named: output.lastPathComponent),
            readOptions: options, writeOptions: writeOptions
        ).report
    }

    /// Recovers the file or stream in `input` into memory, without copying the input; the
    /// options are those of ``recover(from:to:format:readOptions:writeOptions:)``.
    ///
    /// - Parameter format: The output's format; by default the input's.
    /// - Returns: The output, and what was kept.
    /// - Throws: When the input has no whole schema message.
    public static func recover(
        _ input: ArrowBuffer, format: ArrowIPCFormat? = nil,
        readOptions: ArrowReadOptions = ArrowReadOptions(), writeOptions: ArrowWriteOptions = ArrowWriteOptions()
    ) throws -> (output: Data, report: RecoveryReport) {
        let options = readOptions.ensureNativeByteOrder(true)
        return try recover(
            MemorySource(input), footerMetadata: { Self.footerMetadata { try ArrowFileReader(buffer: input, options: options) } },
            to: nil, format: format, readOptions: options, writeOptions: writeOptions)
    }

    /// Recovers the file or stream in `input` into memory, as the variant taking an
    /// ``ArrowBuffer`` does; the bytes are copied once into aligned memory.
    public static func recover(
        _ input: Data, format: ArrowIPCFormat? = nil,
        readOptions: ArrowReadOptions = ArrowReadOptions(), writeOptions: ArrowWriteOptions = ArrowWriteOptions()
    ) throws -> (output: Data, report: RecoveryReport) {
        try recover(
            input.withUnsafeBytes { ArrowBuffer(copying: $0) }, format: format, readOptions: readOptions,
            writeOptions: writeOptions)
    }

    /// The footer metadata of the file `open` opens, or none when its footer does not read.
    private static func footerMetadata(_ open: () throws -> ArrowFileReader) -> Metadata {
        (try? open())?.footerMetadata ?? [:]
    }

    /// Copies the batches of `source` up to its first failure to `url`, or to memory when
    /// `nil`, in `format` (by default the input's).
    private static func recover(
        _ source: any ByteSource, footerMetadata: () -> Metadata, to url: URL?, format: ArrowIPCFormat?,
        readOptions: ArrowReadOptions, writeOptions: ArrowWriteOptions
    ) throws -> (output: Data, report: RecoveryReport) {
        var scanner = try RecoveryScanner(source: source, options: readOptions)
        let schema: Schema
        do {
            schema = try scanner.readSchema()
        } catch ArrowError.invalidData(let reason) {
            throw ArrowError.invalidData("nothing can be recovered without the schema, the input's first message: \(reason)")
        }
        let inputFormat = scanner.inputFormat
        let outputFormat = format ?? inputFormat
        let output = try RecoveryOutput(
            format: outputFormat, url: url, schema: schema,
            footerMetadata: inputFormat == .file && outputFormat == .file ? footerMetadata() : [:], options: writeOptions)
        do {
            var batches = 0
            var rows = 0
            var breakPoint: RecoveryReport.BreakPoint?
            reading: while true {
                let batch: RecordBatch
                do {
                    guard let next = try scanner.nextBatch() else { break reading }
                    batch = next
                } catch {
                    breakPoint = scanner.breakPoint(after: error)
                    break reading
                }
                try output.write(batch)
                let (sum, overflow) = rows.addingReportingOverflow(batch.rowCount)
                guard !overflow else { throw ArrowError.invalidData("the input's row count overflows") }
                rows = sum
                batches += 1
            }
            let data = try output.finish()
            let report = RecoveryReport(
                inputFormat: inputFormat, outputFormat: outputFormat, batchesKept: batches, rowsKept: rows,
                breakPoint: breakPoint)
            return (data, report)
        } catch {
            output.cancel()
            throw error
        }
    }
}
