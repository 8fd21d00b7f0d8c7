/// The Zstandard functions of the system's libzstd, bound at run time.
struct ZstdLibrary: @unchecked Sendable {
    // C function pointers into a library that is never unloaded: safe to share.
    typealias IsError = @convention(c) (Int) -> UInt32
    typealias ErrorName = @convention(c) (Int) -> UnsafePointer<CChar>?
    typealias CompressBound = @convention(c) (Int) -> Int
    typealias Level = @convention(c) () -> Int32
    typealias CreateContext = @convention(c) () -> OpaquePointer?
    typealias FreeContext = @convention(c) (OpaquePointer?) -> Int
    typealias Compress = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int, Int32) -> Int
    typealias Decompress = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafeRawPointer?, Int) -> Int

    let isError: IsError
    let errorName: ErrorName
    let compressBound: CompressBound
    let minLevel: Level
    let maxLevel: Level
    let createCompressionContext: CreateContext
    let freeCompressionContext: FreeContext
    let compress: Compress
    let createDecompressionContext: CreateContext
    let freeDecompressionContext: FreeContext
    let decompress: Decompress

    /// The library, loaded on first use, or why it could not be.
    static let shared: Result<ZstdLibrary, ArrowError> = {
        do {
            return .success(try ZstdLibrary(
                SystemLibrary(candidates: ["libzstd.so.1", "libzstd.1.dylib", "/opt/homebrew/lib/libzstd.1.dylib", "/usr/local/lib/libzstd.1.dylib"],
                              debianPackage: "libzstd1", homebrewFormula: "zstd")))
        } catch let error as ArrowError {
            return .failure(error)
        } catch {
            return .failure(.notSupported("libzstd could not be loaded: \(error)"))
        }
    }()

    private init(_ library: SystemLibrary) throws {
        isError = try library.function("ZSTD_isError", as: IsError.self)
        errorName = try library.function("ZSTD_getErrorName", as: ErrorName.self)
        compressBound = try library.function("ZSTD_compressBound", as: CompressBound.self)
        minLevel = try library.function("ZSTD_minCLevel", as: Level.self)
        maxLevel = try library.function("ZSTD_maxCLevel", as: Level.self)
        createCompressionContext = try library.function("ZSTD_createCCtx", as: CreateContext.self)
        freeCompressionContext = try library.function("ZSTD_freeCCtx", as: FreeContext.self)
        compress = try library.function("ZSTD_compressCCtx", as: Compress.self)
        createDecompressionContext = try library.function("ZSTD_createDCtx", as: CreateContext.self)
        freeDecompressionContext = try library.function("ZSTD_freeDCtx", as: FreeContext.self)
        decompress = try library.function("ZSTD_decompressDCtx", as: Decompress.self)
    }

    func describe(_ code: Int) -> String {
        errorName(code).map { String(cString: $0) } ?? "error \(code)"
    }
}

/// ZSTD compression and decompression on one thread, with contexts reused from buffer to buffer.
final class ZstdSession: CodecSession {
    private let library: ZstdLibrary
    private var compressionContext: OpaquePointer?
    private var decompressionContext: OpaquePointer?

    init(library: ZstdLibrary) {
        self.library = library
    }

    deinit {
        if let compressionContext { _ = library.freeCompressionContext(compressionContext) }
        if let decompressionContext { _ = library.freeDecompressionContext(decompressionContext) }
    }

    func compressedBound(_ count: Int) throws -> Int {
        let bound = library.compressBound(count)
        guard library.isError(bound) == 0, bound > 0 else {
            throw ArrowError.invalidArgument("\(count) bytes are too many for one ZSTD frame")
        }
        return bound
    }

    func compress(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer, level: Int) throws -> Int {
        if compressionContext == nil { compressionContext = library.createCompressionContext() }
        guard let compressionContext else {
            throw ArrowError.io("could not create a ZSTD compression context (out of memory)")
        }
        let written = library.compress(
            compressionContext, target.baseAddress, target.count, source.baseAddress, source.count, Int32(clamping: level))
        guard library.isError(written) == 0 else {
            throw ArrowError.invalidArgument("ZSTD compression failed: \(library.describe(written))")
        }
        return written
    }

    func decompress(_ source: UnsafeRawBufferPointer, into target: UnsafeMutableRawBufferPointer) throws {
        if decompressionContext == nil { decompressionContext = library.createDecompressionContext() }
        guard let decompressionContext else {
            throw ArrowError.io("could not create a ZSTD decompression context (out of memory)")
        }
        let written = library.decompress(decompressionContext, target.baseAddress, target.count, source.baseAddress, source.count)
        guard library.isError(written) == 0 else {
            let reason = library.describe(written)
            if reason.contains("too small") {
                throw ArrowError.invalidData(
                    "the ZSTD frame holds more than the \(target.count) bytes its length prefix declares")
            }
            throw ArrowError.invalidData("the ZSTD frame is corrupt (\(reason))")
        }
        guard written == target.count else {
            throw ArrowError.invalidData(
                "the ZSTD frame holds \(written) bytes, but its length prefix declares \(target.count)")
        }
    }
}
