import Foundation
import Testing
@testable import ArrowIPC

@Suite("Integration JSON")
struct IntegrationJSONTests {
    static var goldenJSONFiles: [URL] {
        guard let root = GoldenData.root else { return [] }
        let folder = root.appendingPathComponent("arrow-ipc-stream/integration")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return versions.sorted().flatMap { version -> [URL] in
            let directory = folder.appendingPathComponent(version)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return names.filter { $0.hasPrefix("generated_") && $0.hasSuffix(".json.gz") }.sorted()
                .map { directory.appendingPathComponent($0) }
        }
    }

    @Test(.enabled(if: GoldenData.root != nil, "the golden files are absent"), arguments: goldenJSONFiles)
    func decodesGoldenFile(_ url: URL) throws {
        let file = try IntegrationFile(contentsOf: url)
        #expect(file.batches.count >= 0)
    }
}
