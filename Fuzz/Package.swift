// swift-tools-version:6.0
// libFuzzer targets for the readers of swift-arrow-ipc, built and run by scripts/fuzz, which
// passes the sanitizer flags (`-sanitize=fuzzer,address`) to every target. The library is
// compiled here from its own sources (Sources/ArrowIPC is a link to ../Sources/ArrowIPC) so
// that it is instrumented too, without the command-line tool's dependencies and plugins.
import PackageDescription

let package = Package(
    name: "swift-arrow-ipc-fuzz",
    targets: [
        .target(name: "ArrowIPC"),
        .target(name: "FuzzSupport", dependencies: ["ArrowIPC"]),
        .executableTarget(name: "fuzz-stream", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-file", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-push", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-json", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport"]),
        .executableTarget(name: "fuzz-jsonl", dependencies: ["FuzzSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
