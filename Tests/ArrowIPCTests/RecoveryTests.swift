import Foundation
import Testing
@testable import ArrowIPC

/// ``ArrowRecovery``: a file or stream cut anywhere gives back exactly the batches before the
/// cut, written as a valid file or stream, with a report of where the input broke.
@Suite struct RecoveryTests {
    /// The batches of `bytes` read whole by the reader of its format.
    private func originalBatches(_ bytes: Data) throws -> [RecordBatch] {
        if ArrowIPCFormat.detect(prefix: bytes.prefix(8)) == .file {
            return try ArrowFileReader(data: bytes).readAll()
        }
        return try ArrowStreamReader(data: bytes).readAll()
    }

    /// The batches of a recovered output in `format`, read with full validation.
    private func outputBatches(_ output: Data, format: ArrowIPCFormat) throws -> [RecordBatch] {
        let options = ArrowReadOptions(validation: .full)
        switch format {
        case .file: return try ArrowFileReader(data: output, options: options).readAll()
        case .stream: return try ArrowStreamReader(data: output, options: options).readAll()
        }
    }

    /// What recovering `bytes` cut after `cut` bytes must give: nothing before the end of the
    /// schema message, else the batches whose messages end by the cut and a break at the end of
    /// the last whole message — none for the whole input, or a stream cut between two messages.
    private struct Expectation {
        let batches: Int
        let breakPoint: RecoveryReport.BreakPoint?
    }

    private func expectation(
        cut: Int, size: Int, format: ArrowIPCFormat, messages: [(message: FramedMessage, end: Int)]
    ) -> Expectation? {
        let whole = messages.prefix { $0.end <= cut }
        guard let last = whole.last else { return nil }
        let batches = whole.filter {
            if case .recordBatch = $0.message.message.header { return true }
            return false
        }.count
        let isWhole = cut == size || (format == .stream && cut == last.end)
        let breakPoint = isWhole ? nil : RecoveryReport.BreakPoint(offset: last.end, messageIndex: whole.count, reason: "")
        return Expectation(batches: batches, breakPoint: breakPoint)
    }

    /// Recovers `bytes` cut after `cut` bytes into `format` and checks the report and the output
    /// against `original`, the batches of the whole input.
    private func checkCut(
        _ bytes: Data, at cut: Int, into format: ArrowIPCFormat?, original: [RecordBatch],
        messages: [(message: FramedMessage, end: Int)], name: String
    ) throws {
        let input = bytes.prefix(cut)
        let inputFormat = ArrowIPCFormat.detect(prefix: bytes.prefix(8))
        guard let expected = expectation(cut: cut, size: bytes.count, format: inputFormat, messages: messages) else {
            let error = #expect(throws: ArrowError.self, "\(name) cut at \(cut)") {
                try ArrowRecovery.recover(input, format: format)
            }
            #expect(error?.reason.hasPrefix("nothing can be recovered without the schema") == true, "\(error?.reason ?? "")")
            return
        }
        let (output, report) = try ArrowRecovery.recover(input, format: format)
        let outputFormat = format ?? inputFormat
        #expect(report.inputFormat == inputFormat, "\(name) cut at \(cut)")
        #expect(report.outputFormat == outputFormat)
        #expect(report.batchesKept == expected.batches, "\(name) cut at \(cut)")
        #expect(report.breakPoint?.offset == expected.breakPoint?.offset, "\(name) cut at \(cut): \(report)")
        #expect(report.breakPoint?.messageIndex == expected.breakPoint?.messageIndex, "\(name) cut at \(cut): \(report)")
        #expect(report.breakPoint.map { !$0.reason.isEmpty } ?? true)
        let recovered = try outputBatches(output, format: outputFormat)
        #expect(recovered.count == expected.batches, "\(name) cut at \(cut)")
        #expect(report.rowsKept == original.prefix(expected.batches).reduce(0) { $0 + $1.rowCount })
        for (index, (batch, originalBatch)) in zip(recovered, original).enumerated() {
            let difference = batch.firstDifference(from: originalBatch)
            #expect(difference == nil, "\(name) cut at \(cut), batch \(index): \(difference ?? "")")
            #expect(batch.metadata == originalBatch.metadata, "\(name) cut at \(cut), batch \(index)")
        }
    }

    /// Every golden file and stream, cut at every message boundary, one byte either side of it,
    /// and at seeded offsets, recovers exactly the batches before the cut; into its own format
    /// and into the other.
    @Test(
        .enabled(if: GoldenData.root != nil, "the Arrow golden files are absent"),
        arguments: GoldenCases.ids)
    func everyGoldenInputCutAnywhereKeepsTheBatchesBeforeTheCut(_ id: String) throws {
        var random = SeededRandom(seed: UInt64(truncatingIfNeeded: id.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        for suffix in ["arrow_file", "stream"] {
            let bytes = try Data(contentsOf: GoldenCases.url(id, suffix))
            let original = try originalBatches(bytes)
            let messages = try framedMessagesWithEnds(bytes)
            var cuts = Set([0, bytes.count])
            for (_, end) in messages {
                cuts.formUnion([end - 1, end, end + 1].filter { (0...bytes.count).contains($0) })
            }
            for _ in 0..<8 { cuts.insert(random.below(bytes.count + 1)) }
            for (index, cut) in cuts.sorted().enumerated() {
                // Alternately into the input's format and into the other.
                let other: ArrowIPCFormat = suffix == "stream" ? .file : .stream
                try checkCut(
                    bytes, at: cut, into: index.isMultiple(of: 2) ? nil : other, original: original, messages: messages,
                    name: "\(id).\(suffix)")
            }
        }
    }

    /// A whole input is copied whole, with the schema's, the batches' and the footer's metadata.
    @Test func aWholeInputIsCopiedWithAllItsMetadata() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(schema: batch.schema, footerMetadata: ["footer": "kept"])
        for _ in 0..<3 { try writer.write(batch) }
        let file = try writer.finish()
        let (output, report) = try ArrowRecovery.recover(file)
        #expect(report.isWhole)
        #expect(report.batchesKept == 3 && report.rowsKept == 30)
        let reader = try ArrowFileReader(data: output)
        #expect(reader.footerMetadata == ["footer": "kept"])
        #expect(reader.schema.metadata == batch.schema.metadata)
        for recovered in try reader.readAll() {
            #expect(recovered.isEqual(to: batch))
            #expect(recovered.metadata == batch.metadata)
        }
    }

    /// A file whose footer is damaged, or missing, is recovered from its stream section: every
    /// batch, with a break where the end-of-stream marker starts.
    @Test func aFileWithADamagedFooterIsRecoveredFromItsMessages() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(schema: batch.schema, footerMetadata: ["footer": "lost"])
        for _ in 0..<4 { try writer.write(batch) }
        let file = try writer.finish()
        let messages = try framedMessagesWithEnds(file)
        let streamEnd = try #require(messages.last?.end)
        var damaged = file
        // The footer's length, just before the closing magic.
        damaged.replaceSubrange((file.count - 10)..<(file.count - 6), with: [0xFF, 0xFF, 0xFF, 0x7F])
        #expect(throws: ArrowError.self) { try ArrowFileReader(data: damaged) }
        let withoutFooter = file.prefix(streamEnd + 8)
        for input in [damaged, withoutFooter] {
            let (output, report) = try ArrowRecovery.recover(input)
            #expect(report.batchesKept == 4)
            #expect(report.breakPoint?.offset == streamEnd)
            #expect(report.breakPoint?.messageIndex == messages.count)
            let reader = try ArrowFileReader(data: output)
            #expect(reader.recordBatchCount == 4)
            #expect(reader.footerMetadata == [:])
        }
    }

    /// A batch that does not decode (here invalid UTF-8, found by full validation) ends the
    /// recovery there, as a cut does.
    @Test func aCorruptBatchEndsTheRecovery() throws {
        let batch = try ipcSampleBatch()
        let writer = try ArrowStreamWriter(schema: batch.schema)
        for _ in 0..<3 { try writer.write(batch) }
        var stream = try writer.finish()
        let messages = try framedMessagesWithEnds(stream)
        // "ffffff" in the body of the second batch (message 2) becomes invalid UTF-8.
        let second = messages[2]
        let range = try #require(stream.range(of: Data("ffffff".utf8), in: second.message.offset..<second.end))
        stream.replaceSubrange(range, with: [UInt8](repeating: 0xFF, count: range.count))
        let (output, report) = try ArrowRecovery.recover(stream, readOptions: ArrowReadOptions(validation: .full))
        #expect(report.batchesKept == 1)
        #expect(report.breakPoint?.offset == messages[1].end)
        #expect(report.breakPoint?.messageIndex == 2)
        #expect(report.breakPoint?.reason.contains("UTF-8") == true)
        #expect(try outputBatches(output, format: .stream).count == 1)
    }

    /// An input that is not Arrow, or is empty, has nothing to recover.
    @Test func anInputWithoutASchemaHasNothingToRecover() throws {
        for input in [Data(), Data("name,value\n1,2\n".utf8), Data("ARROW1\0\0".utf8)] {
            #expect(throws: ArrowError.self) { try ArrowRecovery.recover(input) }
        }
    }

    /// An output's format from its name: a stream for `.arrows` and `.stream` in any case.
    @Test func anOutputIsAStreamByItsName() {
        for name in ["out.arrows", "dir/OUT.Arrows", "out.stream", "out.STREAM"] {
            #expect(ArrowIPCFormat.defaultForOutput(named: name) == .stream, "\(name)")
        }
        for name in ["out.arrow", "out.feather", "out", "dir.arrows/out.arrow", "out.arrows.tmp"] {
            #expect(ArrowIPCFormat.defaultForOutput(named: name) == .file, "\(name)")
        }
    }

    /// From a URL, mapped or read front to back: the same report as from memory; the output's
    /// format from its name unless given; a cut schema leaves the output path as it was.
    @Test func recoveringBetweenURLs() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("recovery-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: folder) }
        let batch = try ipcSampleBatch()
        let writer = try ArrowFileWriter(schema: batch.schema)
        for _ in 0..<3 { try writer.write(batch) }
        let file = try writer.finish()
        let messages = try framedMessagesWithEnds(file)
        let input = folder.appendingPathComponent("broken.arrow")
        for cut in [messages[2].end + 20, messages[3].end, file.count - 3] {
            try file.prefix(cut).write(to: input)
            let fromMemory = try ArrowRecovery.recover(file.prefix(cut)).report
            for (name, format) in [("fixed.arrow", ArrowIPCFormat.file), ("fixed.arrows", .stream), ("fixed.stream", .stream)] {
                let output = folder.appendingPathComponent(name)
                for mapped in [true, false] {
                    let report = try ArrowRecovery.recover(
                        from: input, to: output, readOptions: ArrowReadOptions(memoryMapsFiles: mapped))
                    #expect(report.outputFormat == format)
                    #expect(report.batchesKept == fromMemory.batchesKept)
                    #expect(report.breakPoint == fromMemory.breakPoint, "cut at \(cut), mapped: \(mapped)")
                    #expect(ArrowIPCFormat.detect(prefix: try Data(contentsOf: output).prefix(8)) == format)
                }
            }
            let given = try ArrowRecovery.recover(from: input, to: folder.appendingPathComponent("fixed.arrows"), format: .file)
            #expect(given.outputFormat == .file)
        }
        // In place: the input is read before the output replaces it.
        for mapped in [true, false] {
            try file.prefix(messages[3].end - 1).write(to: input)
            let report = try ArrowRecovery.recover(from: input, to: input, readOptions: ArrowReadOptions(memoryMapsFiles: mapped))
            #expect(report.batchesKept == 2)
            #expect(try ArrowFileReader(data: Data(contentsOf: input)).readAll().count == 2)
        }
        // Cut inside the schema: an error, and the output keeps what it held.
        let output = folder.appendingPathComponent("kept.arrow")
        try Data("old".utf8).write(to: output)
        try file.prefix(messages[0].end - 1).write(to: input)
        #expect(throws: ArrowError.self) { try ArrowRecovery.recover(from: input, to: output) }
        #expect(try Data(contentsOf: output) == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["broken.arrow", "fixed.arrow", "fixed.arrows", "fixed.stream", "kept.arrow"])
    }
}
