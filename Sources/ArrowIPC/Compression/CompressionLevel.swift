/// How hard a codec compresses: its default, a fraction of its range, or one of its own
/// levels — Wolfram's `CompressionLevel` (`Automatic` or a number from 0 to 1), and the
/// codecs' numbered levels.
///
/// A fraction `f` maps onto the codec's standard levels, from 1 (`f = 0`, the fastest) to
/// its strongest (`f = 1`): level `1 + round(f × (strongest − 1))`, so with LZ4 (1…12) `0.5`
/// is level 7 and with ZSTD (1…22 for libzstd 1.5) level 12. ZSTD's negative levels, faster
/// still with less compression, are reachable by number only.
///
/// ```swift
/// ArrowWriteOptions().compression(.zstd, level: 0.5)      // a fraction (a float literal)
/// ArrowWriteOptions().compression(.zstd, level: 19)       // the codec's own level 19
/// ```
public enum CompressionLevel: Sendable, Hashable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, CustomStringConvertible {
    /// The codec's default: 1 for both codecs, as Arrow C++ and pyarrow.
    case automatic
    /// A fraction from 0 (fastest) to 1 (strongest) of the codec's standard levels.
    case fraction(Double)
    /// One of the codec's own levels (see ``CompressionCodec/levelRange``).
    case exactly(Int)

    public init(integerLiteral value: Int) { self = .exactly(value) }

    public init(floatLiteral value: Double) { self = .fraction(value) }

    public var description: String {
        switch self {
        case .automatic: "automatic"
        case .fraction(let fraction): "\(fraction) of the range"
        case .exactly(let level): "level \(level)"
        }
    }
}

extension CompressionCodec {
    /// LZ4's levels: 1 to 12 (from 3 on, the slower high-compression mode).
    public static let lz4LevelRange = 1...12

    /// The levels the codec accepts: ``lz4LevelRange`` for LZ4; for ZSTD, what the system's
    /// libzstd accepts (`ZSTD_minCLevel()` to `ZSTD_maxCLevel()`, -131072 to 22 for 1.5).
    /// Throws when the codec's library cannot be loaded.
    public func levelRange() throws -> ClosedRange<Int> {
        switch self {
        case .lz4Frame:
            _ = try LZ4FrameLibrary.shared.get()
            return Self.lz4LevelRange
        case .zstd:
            let library = try ZstdLibrary.shared.get()
            return Int(library.minLevel())...Int(library.maxLevel())
        }
    }

    /// The codec's own level that `level` names; throws for a fraction outside 0…1 or a
    /// level outside ``levelRange()``.
    public func level(_ level: CompressionLevel) throws -> Int {
        let range = try levelRange()
        switch level {
        case .automatic:
            return defaultLevel
        case .fraction(let fraction):
            guard fraction >= 0, fraction <= 1 else {
                throw ArrowError.invalidArgument("a compression level given as a fraction goes from 0 to 1, not \(fraction)")
            }
            return 1 + Int((fraction * Double(range.upperBound - 1)).rounded())
        case .exactly(let number):
            guard range.contains(number) else {
                throw ArrowError.invalidArgument(
                    "\(displayName) compression levels go from \(range.lowerBound) to \(range.upperBound), not \(number)")
            }
            return number
        }
    }
}
