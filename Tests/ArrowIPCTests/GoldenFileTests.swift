import Foundation
import Testing
@testable import ArrowIPC

/// The golden integration cases made only of the classic types, in the sets this reader covers.
enum GoldenCases {
    static let sets = ["cpp-21.0.0", "1.0.0-littleendian", "0.14.1"]
    static let names = [
        "primitive", "primitive_no_batches", "primitive_zerolength", "primitive_large_offsets",
        "binary", "binary_no_batches", "binary_zerolength", "large_binary",
        "datetime", "decimal", "decimal32", "decimal64", "decimal256", "duration", "interval", "interval_mdn",
        "nested", "recursive_nested", "nested_large_offsets", "map", "map_non_canonical",
        "null", "null_trivial", "duplicate_fieldnames", "custom_metadata",
    ]

    /// Every (set, case) pair present on disk.
    static var all: [(set: String, name: String)] {
        guard let root = GoldenData.root else { return [] }
        var cases: [(String, String)] = []
        for set in sets {
            for name in names {
                let json = root.appendingPathComponent("arrow-ipc-stream/integration/\(set)/generated_\(name).json.gz")
                if FileManager.default.fileExists(atPath: json.path) { cases.append((set, name)) }
            }
        }
        return cases
    }

    static func url(_ set: String, _ name: String, _ suffix: String) -> URL {
        GoldenData.root!.appendingPathComponent("arrow-ipc-stream/integration/\(set)/generated_\(name).\(suffix)")
    }
}

@Suite(.enabled(if: GoldenData.root != nil, "the Arrow golden files (../shared/arrow-testing/data or ARROW_TESTING_DATA) are absent"))
struct GoldenFileTests {
    @Test func coversTheListedCases() {
        #expect(GoldenCases.all.count >= 45)
    }

    @Test(arguments: GoldenCases.all.map { "\($0.set)/\($0.name)" })
    func fileAndStreamEqualTheirJSON(_ id: String) throws {
        let parts = id.split(separator: "/").map(String.init)
        let (set, name) = (parts[0], parts[1])
        let expected = try IntegrationFile(contentsOf: GoldenCases.url(set, name, "json.gz"))

        let file = try ArrowFileReader(url: GoldenCases.url(set, name, "arrow_file"), options: ArrowReadOptions(validation: .full))
        #expect(file.schema.isEquivalent(to: expected.schema), "file schema of \(id)")
        #expect(file.recordBatchCount == expected.batches.count)
        for (index, batch) in try file.readAll().enumerated() where index < expected.batches.count {
            let difference = batch.columnData.indices.lazy.compactMap {
                batch.columnData[$0].firstDifference(from: expected.batches[index].columnData[$0], floatTolerance: 1e-3)
            }.first
            #expect(difference == nil, "\(id) file batch \(index): \(difference ?? "")")
        }

        var stream = try ArrowStreamReader(url: GoldenCases.url(set, name, "stream"), options: ArrowReadOptions(validation: .full))
        #expect(stream.schema.isEquivalent(to: expected.schema), "stream schema of \(id)")
        let batches = try stream.readAll()
        #expect(batches.count == expected.batches.count)
        for (index, batch) in batches.enumerated() where index < expected.batches.count {
            #expect(batch.isEqual(to: expected.batches[index], floatTolerance: 1e-3), "\(id) stream batch \(index)")
        }
    }

    /// What we write from the golden data reads back equal (pyarrow's view is checked by the interop suite).
    @Test(arguments: GoldenCases.all.filter { $0.set == "cpp-21.0.0" }.map(\.name))
    func writtenFromJSONReadsBackEqual(_ name: String) throws {
        let expected = try IntegrationFile(contentsOf: GoldenCases.url("cpp-21.0.0", name, "json.gz"))
        let writer = try ArrowFileWriter(schema: expected.schema)
        for batch in expected.batches { try writer.write(batch) }
        let reader = try ArrowFileReader(data: try writer.finish(), options: ArrowReadOptions(validation: .full))
        #expect(reader.schema.isEquivalent(to: expected.schema))
        for (index, batch) in try reader.readAll().enumerated() {
            #expect(batch.isEqual(to: expected.batches[index]), "\(name) batch \(index)")
        }
    }
}
