import ArgumentParser
import ArrowIPC
import Foundation

/// `arrow-ipc integration`: the interface Arrow's cross-implementation integration tests drive.
struct Integration: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integration",
        abstract: "Arrow integration-test modes: validate, json-to-arrow, stream-to-file, file-to-stream.",
        discussion: """
            validate: check that the IPC file --arrow holds exactly the schema and data of the \
            integration JSON --json. json-to-arrow: write the IPC file --arrow from --json. \
            stream-to-file: read a stream from standard input and write the file --arrow. \
            file-to-stream: read the file --arrow and write it as a stream to standard output.
            """)

    enum Mode: String, ExpressibleByArgument, CaseIterable {
        case validate
        case jsonToArrow = "json-to-arrow"
        case streamToFile = "stream-to-file"
        case fileToStream = "file-to-stream"
    }

    @Option(help: "validate, json-to-arrow, stream-to-file or file-to-stream.")
    var mode: Mode

    @Option(help: "The integration JSON file (.json or .json.gz).")
    var json: String?

    @Option(help: "The Arrow IPC file.")
    var arrow: String

    @OptionGroup(title: "Input")
    var inputOptions: InputOptions

    func validate() throws {
        if (mode == .validate || mode == .jsonToArrow) && json == nil {
            throw ValidationError("--mode \(mode.rawValue) needs --json")
        }
    }

    func run() throws {
        switch mode {
        case .validate:
            try compare()
        case .jsonToArrow:
            let expected = try IntegrationFile(contentsOf: URL(fileURLWithPath: json ?? ""))
            try ArrowFileWriter.write(to: URL(fileURLWithPath: arrow), schema: expected.schema) { writer in
                for batch in expected.batches { try writer.write(batch) }
            }
        case .streamToFile:
            var input = try inputOptions.open("-")
            try ArrowFileWriter.write(to: URL(fileURLWithPath: arrow), schema: input.schema) { writer in
                try input.forEachBatch { try writer.write($0) }
            }
        case .fileToStream:
            let reader = try ArrowFileReader(url: URL(fileURLWithPath: arrow), options: inputOptions.readOptions())
            let writer = try ArrowStreamWriter(fileHandle: .standardOutput, schema: reader.schema)
            for index in 0..<reader.recordBatchCount { try writer.write(try reader.recordBatch(at: index)) }
            try writer.finish()
        }
    }

    private func compare() throws {
        let expected = try IntegrationFile(contentsOf: URL(fileURLWithPath: json ?? ""))
        let reader = try ArrowFileReader(
            url: URL(fileURLWithPath: arrow), options: inputOptions.readOptions(ArrowReadOptions(validation: .full)))
        guard reader.schema.isEquivalent(to: expected.schema) else {
            throw CommandFailure(message: "the schemas differ:\n  arrow: \(reader.schema)\n  json:  \(expected.schema)")
        }
        guard reader.recordBatchCount == expected.batches.count else {
            throw CommandFailure(
                message: "the arrow file has \(reader.recordBatchCount) batches, the JSON \(expected.batches.count)")
        }
        for (index, wanted) in expected.batches.enumerated() {
            let batch = try reader.recordBatch(at: index)
            guard batch.rowCount == wanted.rowCount else {
                throw CommandFailure(message: "batch \(index) has \(batch.rowCount) rows, the JSON \(wanted.rowCount)")
            }
            for column in 0..<batch.columnCount {
                if let difference = batch.columnData[column].firstDifference(from: wanted.columnData[column], floatTolerance: 1e-3) {
                    throw CommandFailure(
                        message: "batch \(index), column \(column) '\(batch.schema.fields[column].name)': \(difference)")
                }
            }
        }
        try StandardOutput.write("valid: \(arrow) matches \(json ?? "")\n")
    }
}
