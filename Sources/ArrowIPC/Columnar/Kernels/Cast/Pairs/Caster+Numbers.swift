/// Casts between booleans, integers and floating-point numbers.
///
/// As pyarrow's safe casts: integers that do not fit the target are out of range; floats cast
/// to integers must be whole, finite and in range; integers cast to floats must lie within
/// ±2^p, where a float of p significant bits holds every integer exactly (2^53 for `double`,
/// 2^24 for `float`, and 2^11 for `halffloat`, which pyarrow does not check); floats cast to
/// narrower floats round, and overflow to infinity, without failing. Booleans become 0 and 1;
/// numbers become `true` when not zero (NaN included).
extension Caster {
    func castNumbers(_ data: ArrayData, to target: DataType) throws -> ArrayData {
        guard let source = NumberKind(data.type), let destination = NumberKind(target) else {
            throw unsupported(data.type, target)
        }
        return try source.visit(NumberSource(data: data, target: target, destination: destination, lenient: lenient))
    }
}

/// The types of booleans and numbers by how they are stored, for dispatching on a type known
/// at run time to code generic over the Swift type.
enum NumberKind {
    case boolean, int8, int16, int32, int64, uint8, uint16, uint32, uint64, float16, float32, float64

    init?(_ type: DataType) {
        switch type {
        case .boolean: self = .boolean
        case .int8: self = .int8
        case .int16: self = .int16
        case .int32: self = .int32
        case .int64: self = .int64
        case .uint8: self = .uint8
        case .uint16: self = .uint16
        case .uint32: self = .uint32
        case .uint64: self = .uint64
        case .float16: self = .float16
        case .float32: self = .float32
        case .float64: self = .float64
        default: return nil
        }
    }

    /// Calls the visitor with the Swift type that stores this kind: ``HalfBits`` for
    /// `halffloat`; booleans, which are bits, have a method of their own.
    func visit<V: NumberVisitor>(_ visitor: V) throws -> V.Result {
        switch self {
        case .boolean: return try visitor.visitBoolean()
        case .int8: return try visitor.visitInteger(Int8.self)
        case .int16: return try visitor.visitInteger(Int16.self)
        case .int32: return try visitor.visitInteger(Int32.self)
        case .int64: return try visitor.visitInteger(Int64.self)
        case .uint8: return try visitor.visitInteger(UInt8.self)
        case .uint16: return try visitor.visitInteger(UInt16.self)
        case .uint32: return try visitor.visitInteger(UInt32.self)
        case .uint64: return try visitor.visitInteger(UInt64.self)
        case .float16: return try visitor.visitFloat(HalfBits.self)
        case .float32: return try visitor.visitFloat(Float.self)
        case .float64: return try visitor.visitFloat(Double.self)
        }
    }
}

/// Code generic over the Swift type that stores a boolean or number type.
protocol NumberVisitor {
    associatedtype Result
    func visitBoolean() throws -> Result
    func visitInteger<I: CastInteger>(_: I.Type) throws -> Result
    func visitFloat<F: CastFloat>(_: F.Type) throws -> Result
}

/// A Swift type storing the values of a number type.
protocol CastNumber: BitwiseCopyable {
    static var zero: Self { get }
    /// The value as a double: exact for every float, rounded for integers beyond 2^53.
    var doubleValue: Double { get }
    /// Writes the value as pyarrow's casts to string write it (see ``NumberText``), at most
    /// ``NumberText/maximumLength`` bytes; returns the count.
    func writeText(to target: UnsafeMutablePointer<UInt8>) -> Int
    /// The value read from text as pyarrow reads it, or `nil`.
    static func parse(_ text: UnsafeRawBufferPointer) -> Self?
}

extension CastNumber {
    /// The value as text, for messages.
    var text: String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: NumberText.maximumLength) { buffer in
            let count = writeText(to: buffer.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }
}

/// An integer type that stores an Arrow integer type.
protocol CastInteger: CastNumber, FixedWidthInteger {}

extension CastInteger {
    var doubleValue: Double { Double(self) }
    @inline(__always)
    func writeText(to target: UnsafeMutablePointer<UInt8>) -> Int { NumberText.write(self, to: target) }
    @inline(__always)
    static func parse(_ text: UnsafeRawBufferPointer) -> Self? { NumberText.integer(text, as: Self.self) }
}

extension Int8: CastInteger {}
extension Int16: CastInteger {}
extension Int32: CastInteger {}
extension Int64: CastInteger {}
extension UInt8: CastInteger {}
extension UInt16: CastInteger {}
extension UInt32: CastInteger {}
extension UInt64: CastInteger {}

/// A type that stores an Arrow floating-point type.
protocol CastFloat: CastNumber {
    /// Below this magnitude every integer has an exact value of this type: 2^p for p
    /// significant bits.
    static var exactIntegerLimit: UInt64 { get }
    /// The value nearest to `value` (rounded once).
    init<I: BinaryInteger>(nearest value: I)
    /// The value nearest to `value`; infinite beyond the largest finite value.
    init(nearest value: Double)
}

extension Double: CastFloat {
    static var exactIntegerLimit: UInt64 { 1 << 53 }
    init<I: BinaryInteger>(nearest value: I) { self.init(value) }
    init(nearest value: Double) { self = value }
    var doubleValue: Double { self }
    func writeText(to target: UnsafeMutablePointer<UInt8>) -> Int { NumberText.write(self, to: target) }
    static func parse(_ text: UnsafeRawBufferPointer) -> Double? { NumberText.double(text) }
}

extension Float: CastFloat {
    static var exactIntegerLimit: UInt64 { 1 << 24 }
    init<I: BinaryInteger>(nearest value: I) { self.init(value) }
    init(nearest value: Double) { self.init(value) }
    var doubleValue: Double { Double(self) }
    func writeText(to target: UnsafeMutablePointer<UInt8>) -> Int { NumberText.write(self, to: target) }
    static func parse(_ text: UnsafeRawBufferPointer) -> Float? { NumberText.float(text) }
}

/// The bits of a `halffloat`, converted through `Double` (the module does not rely on
/// `Float16`, which some platforms lack).
struct HalfBits: CastFloat {
    var bits: UInt16
    static var zero: HalfBits { HalfBits(bits: 0) }
    static var exactIntegerLimit: UInt64 { 1 << 11 }
    // Only integers within ±2^11 are cast to halves in strict casts, and those convert to
    // doubles exactly: one rounding.
    init<I: BinaryInteger>(nearest value: I) { bits = HalfFloat.bits(Double(value)) }
    init(nearest value: Double) { bits = HalfFloat.bits(value) }
    init(bits: UInt16) { self.bits = bits }
    var doubleValue: Double { HalfFloat.double(bits) }
    func writeText(to target: UnsafeMutablePointer<UInt8>) -> Int { NumberText.write(doubleValue, to: target) }
    static func parse(_ text: UnsafeRawBufferPointer) -> HalfBits? {
        NumberText.double(text).map { HalfBits(bits: HalfFloat.bits($0)) }
    }
}

// MARK: - Dispatch

/// Picks the conversion once the source's Swift type is known.
private struct NumberSource: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let destination: NumberKind
    let lenient: Bool

    func visitBoolean() throws -> ArrayData {
        try destination.visit(BooleansToNumbers(data: data, target: target))
    }

    func visitInteger<S: CastInteger>(_: S.Type) throws -> ArrayData {
        try destination.visit(IntegerSource<S>(data: data, target: target, lenient: lenient))
    }

    func visitFloat<S: CastFloat>(_: S.Type) throws -> ArrayData {
        try destination.visit(FloatSource<S>(data: data, target: target, lenient: lenient))
    }
}

private struct IntegerSource<S: CastInteger>: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let lenient: Bool

    func visitBoolean() throws -> ArrayData { numbersToBooleans(data, S.self, target) }
    func visitInteger<T: CastInteger>(_: T.Type) throws -> ArrayData {
        try IntegerToInteger<S, T>.run(data, to: target, lenient: lenient)
    }
    func visitFloat<T: CastFloat>(_: T.Type) throws -> ArrayData {
        try IntegerToFloat<S, T>.run(data, to: target, lenient: lenient)
    }
}

private struct FloatSource<S: CastFloat>: NumberVisitor {
    let data: ArrayData
    let target: DataType
    let lenient: Bool

    func visitBoolean() throws -> ArrayData { numbersToBooleans(data, S.self, target) }
    func visitInteger<T: CastInteger>(_: T.Type) throws -> ArrayData {
        try FloatToInteger<S, T>.run(data, to: target, lenient: lenient)
    }
    func visitFloat<T: CastFloat>(_: T.Type) throws -> ArrayData {
        try FloatToFloat<S, T>.run(data, to: target, lenient: lenient)
    }
}

/// Booleans to numbers: 1 and 0.
private struct BooleansToNumbers: NumberVisitor {
    let data: ArrayData
    let target: DataType

    func visitBoolean() throws -> ArrayData { data }
    func visitInteger<T: CastInteger>(_: T.Type) throws -> ArrayData { convert(one: T(1)) }
    func visitFloat<T: CastFloat>(_: T.Type) throws -> ArrayData { convert(one: T(nearest: 1)) }

    private func convert<T: CastNumber>(one: T) -> ArrayData {
        let bits = data.buffers[0].baseAddress
        let offset = data.offset
        let values = ArrowBuffer(count: data.length * MemoryLayout<T>.stride) { out in
            guard let base = out.baseAddress else { return }
            for slot in 0..<data.length {
                base.storeBytes(of: bits.arrowBit(offset &+ slot) ? one : T.zero, toByteOffset: slot &* MemoryLayout<T>.stride, as: T.self)
            }
        }
        let (validity, nullCount) = CastValidity(data, to: target, lenient: true).finish()
        return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: validity, buffers: [values])
    }
}

/// Numbers to booleans: `true` for every value but zero.
private func numbersToBooleans<S: CastNumber>(_ data: ArrayData, _: S.Type, _ target: DataType) -> ArrayData {
    let source = data.buffers[0].baseAddress + data.offset &* MemoryLayout<S>.stride
    var bits = BitmapBuilder(capacity: data.length)
    for slot in 0..<data.length {
        bits.append(source.loadUnaligned(fromByteOffset: slot &* MemoryLayout<S>.stride, as: S.self).doubleValue != 0)
    }
    let (validity, nullCount) = CastValidity(data, to: target, lenient: true).finish()
    return ArrayData(type: target, length: data.length, nullCount: nullCount, validity: validity, buffers: [bits.finish()])
}

// MARK: - The conversions

/// How each value is converted and checked, from `Source` to `Target`, and the loop that
/// applies it to an array.
private protocol ValueConversion {
    associatedtype Source: CastNumber
    associatedtype Target: CastNumber
    /// The converted value; anything (but no trap) when it does not fit.
    static func convert(_ value: Source) -> Target
    /// Whether `value` converts (as the cast's rules have it).
    static func fits(_ value: Source) -> Bool
    /// Why a value that does not fit does not.
    static func reason(_ value: Source) -> String
}

extension ValueConversion {
    /// The values of `data` converted to `target`. The first loop converts every slot without
    /// a branch and only notes whether some value does not fit; only then does a second loop
    /// find those values and reject the valid ones.
    static func run(_ data: ArrayData, to target: DataType, lenient: Bool) throws -> ArrayData {
        let length = data.length
        let source = data.buffers[0].baseAddress + data.offset &* MemoryLayout<Source>.stride
        var validity = CastValidity(data, to: target, lenient: lenient)
        let values = try ArrowBuffer(count: length &* MemoryLayout<Target>.stride) { out in
            guard let base = out.baseAddress else { return }
            var misfits: UInt8 = 0
            for slot in 0..<length {
                let value = source.loadUnaligned(fromByteOffset: slot &* MemoryLayout<Source>.stride, as: Source.self)
                base.storeBytes(of: convert(value), toByteOffset: slot &* MemoryLayout<Target>.stride, as: Target.self)
                misfits |= fits(value) ? 0 : 1
            }
            guard misfits != 0 else { return }
            for slot in 0..<length {
                let value = source.loadUnaligned(fromByteOffset: slot &* MemoryLayout<Source>.stride, as: Source.self)
                guard !fits(value) else { continue }
                base.storeBytes(of: Target.zero, toByteOffset: slot &* MemoryLayout<Target>.stride, as: Target.self)
                if validity.isValid(slot) {
                    try validity.reject(slot, value: value.text, reason: reason(value))
                }
            }
        }
        let (bitmap, nullCount) = validity.finish()
        return ArrayData(type: target, length: length, nullCount: nullCount, validity: bitmap, buffers: [values])
    }
}

private enum IntegerToInteger<Source: CastInteger, Target: CastInteger>: ValueConversion {
    @inline(__always) static func convert(_ value: Source) -> Target { Target(truncatingIfNeeded: value) }
    @inline(__always) static func fits(_ value: Source) -> Bool {
        value >= Source(clamping: Target.min) && value <= Source(clamping: Target.max)
    }
    static func reason(_ value: Source) -> String { "out of range (\(Target.min) to \(Target.max))" }
}

private enum IntegerToFloat<Source: CastInteger, Target: CastFloat>: ValueConversion {
    @inline(__always) static func convert(_ value: Source) -> Target { Target(nearest: value) }
    @inline(__always) static func fits(_ value: Source) -> Bool {
        UInt64(value.magnitude) <= Target.exactIntegerLimit
    }
    static func reason(_ value: Source) -> String {
        let limit = Target.exactIntegerLimit
        return "outside -\(limit)...\(limit), where every integer has an exact value"
    }
}

private enum FloatToInteger<Source: CastFloat, Target: CastInteger>: ValueConversion {
    /// The range of `Target` as doubles, the upper bound exclusive (2^bits or 2^(bits-1)).
    static var lowest: Double { Target.isSigned ? -Double(sign: .plus, exponent: Target.bitWidth - 1, significand: 1) : 0 }
    static var upper: Double { Double(sign: .plus, exponent: Target.isSigned ? Target.bitWidth - 1 : Target.bitWidth, significand: 1) }

    @inline(__always) static func convert(_ value: Source) -> Target {
        fits(value) ? Target(value.doubleValue) : Target.zero
    }
    @inline(__always) static func fits(_ value: Source) -> Bool {
        let double = value.doubleValue
        return double.rounded(.towardZero) == double && double >= lowest && double < upper
    }
    static func reason(_ value: Source) -> String {
        let double = value.doubleValue
        if double.isNaN { return "not a number" }
        if double.isInfinite { return "infinite" }
        if double.rounded(.towardZero) != double { return "not a whole number" }
        return "out of range (\(Target.min) to \(Target.max))"
    }
}

private enum FloatToFloat<Source: CastFloat, Target: CastFloat>: ValueConversion {
    @inline(__always) static func convert(_ value: Source) -> Target { Target(nearest: value.doubleValue) }
    @inline(__always) static func fits(_ value: Source) -> Bool { true }
    static func reason(_ value: Source) -> String { "" }
}
