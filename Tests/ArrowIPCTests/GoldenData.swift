import Foundation

/// Locates the Arrow golden files (the arrow-testing repository's `data` folder).
enum GoldenData {
    /// `$ARROW_TESTING_DATA`, else `<package root>/../shared/arrow-testing/data`; `nil` when
    /// the folder does not exist.
    static var root: URL? {
        let url: URL
        if let override = ProcessInfo.processInfo.environment["ARROW_TESTING_DATA"], !override.isEmpty {
            url = URL(fileURLWithPath: override, isDirectory: true)
        } else {
            // #filePath is <package root>/Tests/ArrowIPCTests/GoldenData.swift.
            let packageRoot = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/arrow-testing/data", isDirectory: true)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return url
    }
}
