// swift-tools-version:6.0
import PackageDescription

/// Release builds of the tools on Linux link the Swift runtime and Foundation statically: the
/// binary runs where Swift is not installed, and each process starts in about two thirds of
/// the time (no dynamic linking of the Swift libraries) with 6 MB less memory. Debug builds
/// stay dynamic, for quicker links.
let staticSwiftInRelease: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
]
/// The same flag when compiling the tools' own code, so that their imports name the static
/// libraries' dependencies (Foundation's CoreFoundation) for the linker.
let staticSwiftImportsInRelease: [SwiftSetting] = [
    .unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release)),
]

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
            ],
            swiftSettings: staticSwiftImportsInRelease,
            linkerSettings: staticSwiftInRelease
        ),
        .executableTarget(
            name: "arrow-ipc-benchmark",
            dependencies: [
                "ArrowIPC",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: staticSwiftImportsInRelease,
            linkerSettings: staticSwiftInRelease
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
