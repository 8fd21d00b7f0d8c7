// swift-tools-version:6.0
// The pyarrow RecordBatchFileWriter example, as a separate package using the public API only.
import PackageDescription

let package = Package(
    name: "SeedExample",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "swift-arrow-ipc", path: "../..")],
    targets: [
        .executableTarget(name: "SeedExample", dependencies: [.product(name: "ArrowIPC", package: "swift-arrow-ipc")]),
    ],
    swiftLanguageModes: [.v6]
)
