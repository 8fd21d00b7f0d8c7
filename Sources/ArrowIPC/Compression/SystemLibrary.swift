#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A shared library of the system opened at run time with `dlopen`, so that the package has no
/// build-time dependency on it and works without it until it is needed. It stays loaded for
/// the life of the process.
struct SystemLibrary: @unchecked Sendable {
    // The handle is only passed to dlsym, which is thread-safe, and never closed.
    private let handle: UnsafeMutableRawPointer
    /// The file name asked for, e.g. `liblz4.so.1`.
    let name: String

    /// Opens the first of `candidates` that loads; the error names the library and how to
    /// install it (`debianPackage`, `homebrewFormula`).
    init(candidates: [String], debianPackage: String, homebrewFormula: String) throws {
        var failures: [String] = []
        for candidate in candidates {
            if let handle = dlopen(candidate, RTLD_NOW | RTLD_LOCAL) {
                self.handle = handle
                name = candidate
                return
            }
            failures.append(dlerror().map { String(cString: $0) } ?? "\(candidate) could not be loaded")
        }
        let names = candidates.joined(separator: " or ")
        throw ArrowError.notSupported(
            "the system library \(names) could not be loaded (\(failures.joined(separator: "; "))); install it with `apt-get install \(debianPackage)` on Debian or Ubuntu, or `brew install \(homebrewFormula)` on macOS")
    }

    /// The function `symbol`, as the C function type `T`.
    func function<T>(_ symbol: String, as _: T.Type) throws -> T {
        guard let address = dlsym(handle, symbol) else {
            throw ArrowError.notSupported("the system library \(name) has no function \(symbol); it is too old")
        }
        return unsafeBitCast(address, to: T.self)
    }
}
