import FuzzSupport
import Foundation

/// SwiftPM's entry point for this executable: hands the command line to libFuzzer.
@_cdecl("fuzz_push_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { start, count in
        guard let start else { return 0 }
        Exercise.push(Data(bytes: start, count: count))
        return 0
    }
}
