// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "swift-arrow-ipc",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "ArrowIPC", targets: ["ArrowIPC"]),
        .executable(name: "arrow-ipc", targets: ["arrow-ipc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "ArrowIPC"),
        .executableTarget(
            name: "arrow-ipc",
            dependencies: [
                "ArrowIPC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "arrow-ipc-benchmark",
            dependencies: [
                "ArrowIPC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "ArrowIPCTests",
            dependencies: ["ArrowIPC"],
            // Inputs that once crashed or hung a reader (found by fuzzing), kept as files; small
            // Feather V1 files pyarrow wrote (FeatherV1/make_files.py), and records for the
            // Codable decoder (PyarrowRecords/make_files.py).
            resources: [.copy("Regressions"), .copy("FeatherV1"), .copy("PyarrowRecords")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
