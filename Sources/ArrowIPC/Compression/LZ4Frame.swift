/// The LZ4 frame functions of the system's liblz4, bound at run time.
struct LZ4FrameLibrary: @unchecked Sendable {
    // C function pointers into a library that is never unloaded: safe to share.
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias ErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?
    typealias CompressFrameBound = @convention(c) (Int, UnsafeRawPointer?) -> Int
    typealias CompressFrame = @convention(c) (UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, UnsafeRawPointer?) -> Int
    typealias CreateDecompressionContext = @convention(c) (UnsafeMutablePointer<OpaquePointer?>, UInt32) -> Int
    typealias FreeDecompressionContext = @convention(c) (OpaquePointer?) -> Int
    typealias ResetDecompressionContext = @convention(c) (OpaquePointer?) -> Void
    typealias Decompress = @convention(c) (
        OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>, UnsafeRawPointer?,
        UnsafeMutablePointer<Int>, UnsafeRawPointer?
    ) -> Int

    let isError: IsError
    let errorName: ErrorName
    let compressFrameBound: CompressFrameBound
    let compressFrame: CompressFrame
    let createDecompressionContext: CreateDecompressionContext
    let freeDecompressionContext: FreeDecompressionContext
    let resetDecompressionContext: ResetDecompressionContext
    let decompress: Decompress

    /// `LZ4F_VERSION`, the API version the decompression context is made for.
    static let apiVersion: UInt32 = 100

    /// The library, loaded on first use, or why it could not be.
    static let shared: Result<LZ4FrameLibrary, ArrowError> = {
        do {
            return .success(try LZ4FrameLibrary(
                SystemLibrary(candidates: ["liblz4.so.1", "liblz4.1.dylib", "/opt/homebrew/lib/liblz4.1.dylib", "/usr/local/lib/liblz4.1.dylib"],
                              debianPackage: "liblz4-1", homebrewFormula: "lz4")))
        } catch let error as ArrowError {
            return .failure(error)
        } catch {
            return .failure(.notSupported("liblz4 could not be loaded: \(error)"))
        }
    }()

    private init(_ library: SystemLibrary) throws {
        isError = try library.function("LZ4F_isError", as: IsError.self)
        errorName = try library.function("LZ4F_getErrorName", as: ErrorName.self)
        compressFrameBound = try library.function("LZ4F_compressFrameBound", as: CompressFrameBound.self)
        compressFrame = try library.function("LZ4F_compressFrame", as: CompressFrame.self)
        createDecompressionContext = try library.function("LZ4F_createDecompressionContext", as: CreateDecompressionContext.self)
        freeDecompressionContext = try library.function("LZ4F_freeDecompressionContext", as: FreeDecompressionContext.self)
        resetDecompressionContext = try library.function("LZ4F_resetDecompressionContext", as: ResetDecompressionContext.self)
        decompress = try library.function("LZ4F_decompress", as: Decompress.self)
    }

    func describe(_ code: Int) -> String {
        errorName(code).map { String(cString: $0) } ?? "error \(code)"
    }
}

/// LZ4 frame compression and decompression on one thread, with one decompression context
/// reused from buffer to buffer.
final class LZ4FrameSession: CodecSession {
    private let library: LZ4FrameLibrary
    private var decompressionContext: OpaquePointer?

    init(library: LZ4FrameLibrary) {
        self.library = library
    }

    deinit {
        if let decompressionContext { _ = library.freeDecompressionContext(decompressionContext) }
    }

    /// `LZ4F_preferences_t` (56 bytes) with everything at its default but the level: 64 KiB
    /// linked blocks, no checksums, no content size, as Arrow C++ writes.
    private static func preferences(level: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 56)
        withUnsafeBytes(of: Int32(truncatingIfNeeded: level)) { bytes.replaceSubrange(32..<36, with: $0) }
        return bytes
    }

    func compressedBound(_ count: Int) throws -> Int {
        let bound = Self.preferences(level: 1).withUnsafeBytes { library.compressFrameBound(count, $0.baseAddress) }
        guard library.isError(bound) == 0 else {
            throw ArrowError.invalidArgument("\(count) bytes are too many for one LZ4 frame: \(library.describe(bound))")
        }
        return bound
    }

    func compress(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer, level: Int) throws -> Int {
        let written = Self.preferences(level: level).withUnsafeBytes { preferences in
            library.compressFrame(target.baseAddress, target.count, source.baseAddress, source.count, preferences.baseAddress)
        }
        guard library.isError(written) == 0 else {
            throw ArrowError.invalidArgument("LZ4 frame compression failed: \(library.describe(written))")
        }
        return written
    }

    func decompress(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        let context = try self.context()
        library.resetDecompressionContext(context)
        var consumed = 0
        var produced = 0
        // 0 once a frame is complete and all of it written out.
        var remainingHint = 1
        while consumed < source.count {
            var sourceSize = source.count - consumed
            var targetSize = target.count - produced
            let result = library.decompress(
                context, target.baseAddress.map { $0 + produced }, &targetSize,
                source.baseAddress.map { $0 + consumed }, &sourceSize, nil)
            guard library.isError(result) == 0 else {
                throw ArrowError.invalidData("the LZ4 frame is corrupt (\(library.describe(result)))")
            }
            consumed += sourceSize
            produced += targetSize
            remainingHint = result
            if sourceSize == 0 && targetSize == 0 { break }
        }
        guard remainingHint == 0, consumed == source.count else {
            if produced == target.count {
                throw ArrowError.invalidData(
                    "the LZ4 frame holds more than the \(target.count) bytes its length prefix declares")
            }
            throw ArrowError.invalidData(
                "the LZ4 frame is truncated: it ends after \(produced) of the \(target.count) bytes its length prefix declares")
        }
        guard produced == target.count else {
            throw ArrowError.invalidData(
                "the LZ4 frame holds \(produced) bytes, but its length prefix declares \(target.count)")
        }
    }

    private func context() throws -> OpaquePointer {
        if let decompressionContext { return decompressionContext }
        var created: OpaquePointer?
        let result = library.createDecompressionContext(&created, LZ4FrameLibrary.apiVersion)
        guard library.isError(result) == 0, let created else {
            throw ArrowError.io("could not create an LZ4 decompression context: \(library.describe(result))")
        }
        decompressionContext = created
        return created
    }
}
