import ArgumentParser
import ArrowIPC
import Foundation

/// The limits of the reader, which every command that reads an input takes.
struct ReaderLimitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The largest buffer a compressed input may inflate to, in bytes (K, M, G, T suffixes). Default: this machine's memory.",
        valueName: "size"))
    var maxBufferSize: ByteCount?

    @Option(help: ArgumentHelp(
        "The most bytes the buffers of one compressed message may inflate to in all. Default: this machine's memory.",
        valueName: "size"))
    var maxBodySize: ByteCount?

    @Option(help: ArgumentHelp("The largest message metadata accepted. Default: 64M.", valueName: "size"))
    var maxMetadataSize: ByteCount?

    @Option(help: ArgumentHelp("The deepest nesting of fields accepted, 1 to 64. Default: 64.", valueName: "depth"))
    var maxNestingDepth: Int?

    func validate() throws {
        if let maxNestingDepth, !(1...ArrayData.maximumNestingDepth).contains(maxNestingDepth) {
            throw ValidationError("--max-nesting-depth must be from 1 to \(ArrayData.maximumNestingDepth), not \(maxNestingDepth)")
        }
        if let maxMetadataSize, maxMetadataSize.bytes > Int(Int32.max) {
            throw ValidationError("--max-metadata-size can be at most \(Int32.max) bytes (metadata lengths are 32-bit)")
        }
    }

    /// `base` with the limits given on the command line, and files read without mapping them:
    /// the tool reads each input once, and a file another process truncates meanwhile is then
    /// an error naming it rather than a crash.
    func readOptions(_ base: ArrowReadOptions = ArrowReadOptions()) -> ArrowReadOptions {
        var options = base.memoryMapsFiles(false)
        if let maxBufferSize { options.maxDecompressedBufferSize = maxBufferSize.bytes }
        if let maxBodySize { options.maxDecompressedBodySize = maxBodySize.bytes }
        if let maxMetadataSize { options.maxMetadataSize = maxMetadataSize.bytes }
        if let maxNestingDepth { options.maxNestingDepth = maxNestingDepth }
        return options
    }
}

/// The options every command that reads an input it may wait for shares: the reader's limits,
/// and how long to wait for input on a FIFO, device or standard input.
struct InputOptions: ParsableArguments {
    @OptionGroup
    var limits: ReaderLimitOptions

    @Option(help: ArgumentHelp(
        "Seconds to wait for the first input on a FIFO, device or standard input before giving up. Default: wait.",
        valueName: "seconds"))
    var inputTimeout: Double?

    /// The longest `--input-timeout`: a year.
    private static let longestTimeout: Double = 365 * 24 * 3600

    func validate() throws {
        if let inputTimeout, !(inputTimeout > 0 && inputTimeout <= Self.longestTimeout) {
            throw ValidationError("--input-timeout must be a number of seconds above 0 and at most \(Int(Self.longestTimeout)) (a year)")
        }
    }

    /// `base` with the limits given on the command line, files read without mapping them.
    func readOptions(_ base: ArrowReadOptions = ArrowReadOptions()) -> ArrowReadOptions {
        limits.readOptions(base)
    }

    /// Opens `path` with these options over `base`.
    func open(_ path: String, options base: ArrowReadOptions = ArrowReadOptions()) throws -> ArrowBatchSource {
        try Input.open(path, options: readOptions(base), timeout: inputTimeout)
    }
}

/// A number of bytes given on the command line: digits with an optional binary suffix
/// (`K`, `M`, `G`, `T`, optionally followed by `iB` or `B`; 1K = 1024 bytes).
struct ByteCount: ExpressibleByArgument {
    let bytes: Int

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        var unit = text.dropFirst(digits.count)
        for ending in ["IB", "B"] where unit.hasSuffix(ending) && unit.count > ending.count {
            unit = unit.dropLast(ending.count)
            break
        }
        let shifts: [Substring: Int] = ["": 0, "K": 10, "M": 20, "G": 30, "T": 40]
        guard !digits.isEmpty, let value = Int(digits), let shift = shifts[unit] else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        guard !overflow else { return nil }
        self.bytes = bytes
    }
}
