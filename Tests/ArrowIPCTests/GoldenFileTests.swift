import Foundation
import Testing
@testable import ArrowIPC

/// Every golden integration case of every set on disk, found by listing the folders, so that
/// a case added to arrow-testing is tested without being named here.
enum GoldenCases {
    /// The sets the tests expect to find at least, so that a misplaced data folder shows.
    static let knownSets = [
        "0.14.1", "0.17.1", "1.0.0-bigendian", "1.0.0-littleendian", "2.0.0-compression", "4.0.0-shareddict", "cpp-21.0.0",
    ]

    static var folder: URL? {
        GoldenData.root?.appendingPathComponent("arrow-ipc-stream/integration", isDirectory: true)
    }

    /// Every (set, case) with a `generated_<case>.json.gz` in a set folder, sorted.
    static var all: [(set: String, name: String)] {
        guard let folder else { return [] }
        let manager = FileManager.default
        let sets = ((try? manager.contentsOfDirectory(atPath: folder.path)) ?? []).filter { set in
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: folder.appendingPathComponent(set).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        var cases: [(String, String)] = []
        for set in sets.sorted() {
            let files = (try? manager.contentsOfDirectory(atPath: folder.appendingPathComponent(set).path)) ?? []
            for file in files.sorted() where file.hasPrefix("generated_") && file.hasSuffix(".json.gz") {
                cases.append((set, String(file.dropFirst("generated_".count).dropLast(".json.gz".count))))
            }
        }
        return cases
    }

    /// `set/name` for each case, as test arguments.
    static var ids: [String] { all.map { "\($0.set)/\($0.name)" } }

    /// The file of case `id` (`set/name`) with `suffix`: `json.gz`, `arrow_file` or `stream`.
    static func url(_ id: String, _ suffix: String) -> URL {
        let parts = id.split(separator: "/")
        return folder!.appendingPathComponent("\(parts[0])/generated_\(parts[1]).\(suffix)")
    }

    /// The byte order the files of case `id` are written in.
    static func byteOrder(_ id: String) -> Endianness {
        id.hasPrefix("1.0.0-bigendian/") ? .big : .little
    }
}

@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct GoldenFileTests {
    @Test func findsEveryCaseOfEverySet() {
        let sets = Set(GoldenCases.all.map(\.set))
        for set in GoldenCases.knownSets {
            #expect(sets.contains(set), "the golden set \(set) is missing")
        }
        #expect(GoldenCases.all.count >= 91)
        // Each case has its file and stream beside its JSON.
        for id in GoldenCases.ids {
            for suffix in ["arrow_file", "stream"] {
                #expect(FileManager.default.fileExists(atPath: GoldenCases.url(id, suffix).path), "\(id).\(suffix)")
            }
        }
    }

    @Test(arguments: GoldenCases.ids)
    func fileEqualsItsJSON(_ id: String) throws {
        let expected = try IntegrationFile(contentsOf: GoldenCases.url(id, "json.gz"))
        let file = try ArrowFileReader(url: GoldenCases.url(id, "arrow_file"), options: ArrowReadOptions(validation: .full))
        #expect(file.byteOrder == GoldenCases.byteOrder(id))
        #expect(file.schema.isEquivalent(to: expected.schema), "file schema of \(id)")
        #expect(file.recordBatchCount == expected.batches.count)
        for (index, batch) in try file.readAll().enumerated() where index < expected.batches.count {
            let difference = batch.firstDifference(from: expected.batches[index], floatTolerance: 1e-3)
            #expect(difference == nil, "\(id) file batch \(index): \(difference ?? "")")
        }
    }

    @Test(arguments: GoldenCases.ids)
    func streamEqualsItsJSON(_ id: String) throws {
        let expected = try IntegrationFile(contentsOf: GoldenCases.url(id, "json.gz"))
        let stream = try ArrowStreamReader(url: GoldenCases.url(id, "stream"), options: ArrowReadOptions(validation: .full))
        #expect(stream.byteOrder == GoldenCases.byteOrder(id))
        #expect(stream.schema.isEquivalent(to: expected.schema), "stream schema of \(id)")
        let batches = try stream.readAll()
        #expect(batches.count == expected.batches.count)
        for (index, batch) in batches.enumerated() where index < expected.batches.count {
            let difference = batch.firstDifference(from: expected.batches[index], floatTolerance: 1e-3)
            #expect(difference == nil, "\(id) stream batch \(index): \(difference ?? "")")
        }
    }

    /// What we write from the golden data reads back equal, little-endian whatever the source
    /// (pyarrow's view is checked by the interop suite).
    @Test(arguments: GoldenCases.ids)
    func writtenFromJSONReadsBackEqual(_ id: String) throws {
        let expected = try IntegrationFile(contentsOf: GoldenCases.url(id, "json.gz"))
        let writer = try ArrowFileWriter(schema: expected.schema)
        for batch in expected.batches { try writer.write(batch) }
        let reader = try ArrowFileReader(data: try writer.finish(), options: ArrowReadOptions(validation: .full))
        #expect(reader.byteOrder == .little)
        #expect(reader.schema.isEquivalent(to: expected.schema))
        #expect(reader.recordBatchCount == expected.batches.count)
        for (index, batch) in try reader.readAll().enumerated() where index < expected.batches.count {
            let difference = batch.firstDifference(from: expected.batches[index])
            #expect(difference == nil, "\(id) batch \(index): \(difference ?? "")")
        }
    }

    /// A big-endian file holds the same values as its little-endian twin.
    @Test(arguments: GoldenCases.all.filter { $0.set == "1.0.0-bigendian" }.map(\.name))
    func bigEndianEqualsLittleEndian(_ name: String) throws {
        let big = try ArrowFileReader(url: GoldenCases.url("1.0.0-bigendian/\(name)", "arrow_file"))
        let little = try ArrowFileReader(url: GoldenCases.url("1.0.0-littleendian/\(name)", "arrow_file"))
        #expect(big.schema.isEquivalent(to: little.schema))
        let littleBatches = try little.readAll()
        let bigBatches = try big.readAll()
        #expect(bigBatches.count == littleBatches.count)
        for (index, (batch, other)) in zip(bigBatches, littleBatches).enumerated() {
            let difference = batch.firstDifference(from: other)
            #expect(difference == nil, "\(name) batch \(index): \(difference ?? "")")
        }
    }

    /// Metadata from a future version is refused with an error that names the version.
    @Test func futureMetadataVersionIsRejectedByName() throws {
        let url = GoldenData.root!.appendingPathComponent("forward-compatibility/schema_v6.arrow")
        #expect(FileManager.default.fileExists(atPath: url.path))
        do {
            _ = try ArrowStreamReader(url: url)
            Issue.record("schema_v6.arrow was read")
        } catch let error as ArrowError {
            guard case .notSupported(let message) = error else {
                Issue.record("expected notSupported, got \(error)")
                return
            }
            #expect(message.contains("V6"), "\(message)")
        }
    }
}
