import Foundation
import Testing
@testable import ArrowIPC

/// ``ArrowMessageCopy``: messages copied as bytes read back as their input does, and are the
/// bytes decoding and encoding writes where the encoder lays the buffers out the same way.
@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct MessageCopyTests {
    /// The options under which the copy of `copy` applies, trying the metadata versions and
    /// codecs the readers take; `nil` when none does (big-endian input).
    private static func copyingOptions(_ copy: ArrowMessageCopy, _ format: ArrowIPCFormat) throws -> ArrowWriteOptions? {
        for version in [MetadataVersion.v5, .v4] {
            for codec in [nil, CompressionCodec.lz4Frame, .zstd] where version == .v5 || codec == nil {
                let options = ArrowWriteOptions(compression: codec, metadataVersion: version, syncsToDisk: false)
                if try copy.obstacle(to: format, options: options, bufferAlignment: 8) == nil { return options }
            }
        }
        return nil
    }

    private static func temporary(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("copy-\(UUID().uuidString)-\(name)")
    }

    /// Schema and batches of the Arrow input at `url`.
    private static func contents(_ url: URL) throws -> (Schema, [RecordBatch]) {
        var source = try ArrowBatchSource.open(url: url, options: ArrowReadOptions(validation: .full))
        var batches: [RecordBatch] = []
        while let batch = try source.next() { batches.append(batch) }
        return (source.schema, batches)
    }

    private static func expectSame(_ actual: (Schema, [RecordBatch]), _ expected: (Schema, [RecordBatch]), _ label: String) {
        #expect(actual.0 == expected.0, "\(label): schema")
        #expect(actual.1.count == expected.1.count, "\(label): batch count")
        for (index, (batch, want)) in zip(actual.1, expected.1).enumerated() {
            let difference = batch.firstDifference(from: want)
            #expect(difference == nil, "\(label) batch \(index): \(difference ?? "")")
            #expect(batch.metadata == want.metadata, "\(label) batch \(index): metadata")
        }
    }

    /// Every golden file and stream, copied to either format, reads back as it does; only
    /// big-endian inputs are left to decoding.
    @Test(arguments: GoldenCases.ids)
    func goldenCopiesReadBackEqual(_ id: String) throws {
        for suffix in ["arrow_file", "stream"] {
            let input = GoldenCases.url(id, suffix)
            let expected = try Self.contents(input)
            let copy = try #require(try ArrowMessageCopy(inputs: [input]))
            for format in [ArrowIPCFormat.file, .stream] {
                guard let options = try Self.copyingOptions(copy, format) else {
                    #expect(GoldenCases.byteOrder(id) == .big, "\(id).\(suffix) → \(format): not copied")
                    continue
                }
                let output = Self.temporary("golden.\(format)")
                defer { try? FileManager.default.removeItem(at: output) }
                try copy.write(to: output, format: format, options: options)
                #expect(try ArrowInputFormat.detect(url: output) == ArrowInputFormat(format))
                Self.expectSame(try Self.contents(output), expected, "\(id).\(suffix) → \(format)")
            }
        }
    }

    /// A golden case written by the writers (64-byte alignment), copied between the formats,
    /// is the bytes the writers write for its batches; with dictionaries (whose deltas a
    /// decoder folds into one dictionary) it reads back equal.
    @Test(arguments: GoldenCases.ids.filter { GoldenCases.byteOrder($0) == .little })
    func copiesAreWhatTheWritersWrite(_ id: String) throws {
        let (schema, batches) = try Self.contents(GoldenCases.url(id, "arrow_file"))
        let options = ArrowWriteOptions(syncsToDisk: false)
        var encoded: [ArrowIPCFormat: Data] = [:]
        for format in [ArrowIPCFormat.file, .stream] {
            let bytes: Data
            switch format {
            case .file:
                let writer = try ArrowFileWriter(schema: schema, options: options)
                for batch in batches { try writer.write(batch) }
                bytes = try writer.finish()
            case .stream:
                let writer = try ArrowStreamWriter(schema: schema, options: options)
                for batch in batches { try writer.write(batch) }
                bytes = try writer.finish()
            }
            encoded[format] = bytes
        }
        let hasDictionaries = schema.fields.contains { $0.type.containsDictionary }
        for from in [ArrowIPCFormat.file, .stream] {
            let input = Self.temporary("written.\(from)")
            defer { try? FileManager.default.removeItem(at: input) }
            try encoded[from]?.write(to: input)
            let copy = try #require(try ArrowMessageCopy(inputs: [input]))
            for to in [ArrowIPCFormat.file, .stream] {
                #expect(try copy.obstacle(to: to, options: options) == nil, "\(id) \(from) → \(to)")
                let output = Self.temporary("copied.\(to)")
                defer { try? FileManager.default.removeItem(at: output) }
                try copy.write(to: output, format: to, options: options)
                let copied = try Data(contentsOf: output)
                if !hasDictionaries {
                    #expect(copied == encoded[to], "\(id) \(from) → \(to): not the writer's bytes")
                }
                Self.expectSame(try Self.contents(output), (schema, batches), "\(id) \(from) → \(to)")
            }
        }
    }

    /// A golden file and its stream concatenated read back as the batches of both.
    @Test(arguments: GoldenCases.ids.filter { GoldenCases.byteOrder($0) == .little })
    func concatenationReadsBackAsBothInputs(_ id: String) throws {
        let inputs = [GoldenCases.url(id, "arrow_file"), GoldenCases.url(id, "stream")]
        let first = try Self.contents(inputs[0])
        let second = try Self.contents(inputs[1])
        let copy = try #require(try ArrowMessageCopy(inputs: inputs))
        for format in [ArrowIPCFormat.stream, .file] {
            guard let options = try Self.copyingOptions(copy, format) else {
                // Left to decoding: schemas written in other forms (map field names), and a
                // file of different dictionaries.
                let dictionaries = format == .file && first.0.fields.contains { $0.type.containsDictionary }
                #expect(first.0 != second.0 || dictionaries, "\(id) → \(format)")
                continue
            }
            let output = Self.temporary("concatenated.\(format)")
            defer { try? FileManager.default.removeItem(at: output) }
            try copy.write(to: output, format: format, options: options)
            Self.expectSame(try Self.contents(output), (first.0, first.1 + second.1), "\(id) + \(id) → \(format)")
        }
    }

    @Test func unequalSchemasNameTheInputThatDiffers() throws {
        let first = GoldenCases.url("cpp-21.0.0/primitive", "stream")
        let other = GoldenCases.url("cpp-21.0.0/nested", "arrow_file")
        #expect {
            _ = try ArrowMessageCopy(inputs: [first, first, other])
        } throws: { error in
            guard case ArrowError.invalidArgument(let reason) = error else { return false }
            return reason.hasPrefix("\(other.path) has another schema than \(first.path)")
        }
    }

    /// Every golden input cut short, or with a byte of its framing or metadata changed, is
    /// refused when scanned, or copied into an output that reads as the input does.
    @Test(arguments: ["cpp-21.0.0/primitive", "cpp-21.0.0/dictionary", "cpp-21.0.0/nested", "2.0.0-compression/zstd"])
    func damagedInputsFailOrReadAsTheInput(_ id: String) throws {
        for suffix in ["arrow_file", "stream"] {
            let bytes = try Data(contentsOf: GoldenCases.url(id, suffix))
            var variants: [Data] = stride(from: 1, to: bytes.count, by: max(1, bytes.count / 40)).map { bytes.prefix($0) }
            for position in stride(from: 0, to: min(bytes.count, 2048), by: 7) {
                var changed = bytes
                changed[position] ^= 0x5A
                variants.append(changed)
            }
            for (index, variant) in variants.enumerated() {
                try Self.expectCopyFailsOrMatches(variant, label: "\(id).\(suffix) variant \(index)")
            }
        }
    }

    /// The fuzz regression corpus: each input is refused when scanned, or its copy reads as
    /// the input does.
    @Test(arguments: FuzzCorpus.files)
    func fuzzInputsFailOrReadAsTheInput(_ path: String) throws {
        try Self.expectCopyFailsOrMatches(try Data(contentsOf: GoldenData.root!.appendingPathComponent(path)), label: path)
    }

    /// Copies `bytes` (as a file) to both formats: scanning throws an ``ArrowError``, or the
    /// copy reads back — with full validation — what the input reads, or fails as reading the
    /// input fails.
    private static func expectCopyFailsOrMatches(_ bytes: Data, label: String) throws {
        let input = temporary("damaged")
        defer { try? FileManager.default.removeItem(at: input) }
        try bytes.write(to: input)
        let copy: ArrowMessageCopy
        do {
            guard let scanned = try ArrowMessageCopy(inputs: [input]) else { return }
            copy = scanned
        } catch is ArrowError {
            return
        } catch {
            Issue.record("\(label): \(type(of: error)) \(error), not an ArrowError")
            return
        }
        let expected = try? contents(input)
        for format in [ArrowIPCFormat.file, .stream] {
            guard let options = try copyingOptions(copy, format) else { continue }
            let output = temporary("damaged-copy.\(format)")
            defer { try? FileManager.default.removeItem(at: output) }
            try copy.write(to: output, format: format, options: options)
            guard let actual = try? contents(output) else {
                #expect(expected == nil, "\(label) → \(format): the input reads, its copy does not")
                continue
            }
            guard let expected else {
                Issue.record("\(label) → \(format): the input does not read, its copy does")
                continue
            }
            expectSame(actual, expected, "\(label) → \(format)")
        }
    }
}
