import ArgumentParser
import ArrowIPC
import Foundation

/// The formats `convert` reads.
enum InputFormat: String, CaseIterable, ExpressibleByArgument {
    case csv, tsv, jsonl, json, arrow

    /// The format a path's extension names (`.csv`, `.tsv`, `.jsonl`, `.ndjson`, `.json`);
    /// Arrow otherwise, and for `-`.
    init(path: String) {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "jsonl", "ndjson": self = .jsonl
        case "json": self = .json
        default: self = .arrow
        }
    }

    var isText: Bool { self != .arrow }
}

/// `--delimiter`, `--no-header`, `--batch-rows` and `--widen`: how `convert` reads CSV, TSV,
/// JSON Lines and JSON.
struct TextInputArguments: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The field delimiter of CSV input: one ASCII character, or tab. Default: , (and tab for TSV).", valueName: "char"))
    var delimiter: String?

    @Flag(help: "CSV or TSV input has no header line: the columns are named Column1, Column2, …")
    var noHeader = false

    @Option(help: ArgumentHelp(
        "Records per output batch of text input; types are inferred from the first batch. Default: 65536.", valueName: "count"))
    var batchRows: Int?

    @Flag(help: "Let a later value of text input widen its column's inferred type where no value changes (nulls to any type, int64 to double, date32 to timestamp, a timestamp to a finer unit, new struct fields and JSON keys) rather than end with an error. The batches before are then rewritten through a temporary file.")
    var widen = false

    /// Throws a ``UsageFailure`` for options that do not apply to `format` or do not parse.
    func check(for format: InputFormat) throws {
        if let batchRows, batchRows < 1 {
            throw UsageFailure(message: "--batch-rows must be at least 1, not \(batchRows)")
        }
        guard format.isText else {
            for (given, name) in [(delimiter != nil, "--delimiter"), (noHeader, "--no-header"), (batchRows != nil, "--batch-rows"), (widen, "--widen")]
            where given {
                throw UsageFailure(message: "\(name) applies to CSV, TSV, JSON Lines and JSON input, not to Arrow input (give --input-format for a name without a .csv, .tsv, .jsonl or .json extension)")
            }
            return
        }
        if format == .jsonl || format == .json {
            if delimiter != nil { throw UsageFailure(message: "--delimiter applies to CSV and TSV input, not \(format.rawValue)") }
            if noHeader { throw UsageFailure(message: "--no-header applies to CSV and TSV input, not \(format.rawValue)") }
        }
        _ = try delimiterScalar(for: format)
    }

    /// The delimiter byte: `--delimiter`, or `,` for CSV and tab for TSV.
    private func delimiterScalar(for format: InputFormat) throws -> Unicode.Scalar {
        guard let delimiter else { return format == .tsv ? "\t" : "," }
        switch delimiter {
        case "tab", "\\t", "\t": return "\t"
        default:
            guard delimiter.unicodeScalars.count == 1, let scalar = delimiter.unicodeScalars.first, scalar.isASCII,
                  scalar != "\"", scalar != "\n", scalar != "\r" else {
                throw UsageFailure(message: "--delimiter must be one ASCII character other than a double quote or a line break (or tab), not '\(delimiter)'")
            }
            return scalar
        }
    }

    /// Opens the text input at `path` (`-` for standard input) in `format`, with the types of
    /// `columnTypes` given, read with `castOptions`; waits at most `timeout` seconds for the
    /// first input of standard input, a FIFO or a device.
    func open(
        _ path: String, format: InputFormat, columnTypes: [String: DataType], castOptions: CastOptions, timeout: Double?
    ) throws -> any TextBatchReader {
        let rows = batchRows ?? 65_536
        do {
            switch format {
            case .csv, .tsv:
                let options = CSVReadOptions(
                    delimiter: try delimiterScalar(for: format), hasHeader: !noHeader, columnTypes: columnTypes,
                    castOptions: castOptions, batchRowCount: rows, widensTypes: widen)
                return try Input.openText(path, timeout: timeout, fileHandle: { try CSVReader(fileHandle: $0, options: options) },
                                          url: { try CSVReader(url: $0, options: options) })
            case .jsonl, .json:
                let options = JSONReadOptions(
                    layout: format == .json ? .array : .lines, columnTypes: columnTypes, castOptions: castOptions,
                    batchRowCount: rows, widensTypes: widen)
                return try Input.openText(path, timeout: timeout, fileHandle: { try JSONReader(fileHandle: $0, options: options) },
                                          url: { try JSONReader(url: $0, options: options) })
            case .arrow:
                throw UsageFailure(message: "Arrow input is not text")
            }
        } catch ArrowError.invalidArgument(let reason) {
            throw UsageFailure(message: "--cast: \(reason)")
        }
    }
}
