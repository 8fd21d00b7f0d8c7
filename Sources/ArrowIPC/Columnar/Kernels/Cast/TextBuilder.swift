/// Builds the result of a cast to a string or binary type: the values' bytes one after the
/// other, then laid out as the target type asks (`string`, `large_string`, `string_view`,
/// their binary twins, or `fixed_size_binary`).
struct TextBuilder: ~Copyable {
    private var bytes: BufferBuilder
    /// 64-bit offsets of every slot appended so far, and the next.
    private var offsets: BufferBuilder
    private var count = 0
    /// Room for one formatted value.
    private let scratch = HeapAllocation(byteCount: scratchCapacity)
    static let scratchCapacity = 128

    /// A builder for `length` slots of about `bytesPerSlot` bytes each.
    init(length: Int, bytesPerSlot: Int) {
        bytes = BufferBuilder(capacity: length &* bytesPerSlot)
        offsets = BufferBuilder(capacity: (length &+ 1) &* 8)
        offsets.append(Int64(0))
    }

    /// Appends a slot holding `value`.
    @inline(__always)
    mutating func append(_ value: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: value)
        offsets.append(Int64(bytes.count))
        count += 1
    }

    /// Appends an empty slot (for a null).
    @inline(__always)
    mutating func appendEmpty() {
        offsets.append(Int64(bytes.count))
        count += 1
    }

    /// Appends a slot holding the bytes `write` writes into the pointer it is given (at most
    /// ``scratchCapacity``) and counts.
    @inline(__always)
    mutating func append(writing write: (UnsafeMutablePointer<UInt8>) -> Int) {
        let start = scratch.pointer.assumingMemoryBound(to: UInt8.self)
        let written = write(start)
        append(UnsafeRawBufferPointer(start: start, count: written))
    }

    /// The array of `type` holding the slots, with `validity`.
    consuming func finish(as type: DataType, validity: (validity: ArrowBuffer?, nullCount: Int)) throws -> ArrayData {
        let total = bytes.count
        let length = count
        let offsets = self.offsets.finish()
        let data = bytes.finish()
        let starts = offsets.baseAddress
        func offset(_ slot: Int) -> Int64 { starts.loadUnaligned(fromByteOffset: slot &* 8, as: Int64.self) }
        let buffers: [ArrowBuffer]
        switch type {
        case .largeUtf8, .largeBinary:
            buffers = [offsets, data]
        case .utf8, .binary:
            guard total <= Int32.max else { throw Self.tooLarge(total, type) }
            let narrow = ArrowBuffer(count: (length + 1) * 4) { out in
                for slot in 0...length {
                    out.storeBytes(of: Int32(truncatingIfNeeded: offset(slot)), toByteOffset: slot * 4, as: Int32.self)
                }
            }
            buffers = [narrow, data]
        case .utf8View, .binaryView:
            guard total <= Int32.max else { throw Self.tooLarge(total, type) }
            let views = ArrowBuffer(count: length * 16) { out in
                guard let base = out.baseAddress else { return }
                base.initializeMemory(as: UInt8.self, repeating: 0, count: out.count)
                for slot in 0..<length {
                    let start = Int(offset(slot))
                    let size = Int(offset(slot + 1)) - start
                    let view = base + slot * 16
                    view.storeBytes(of: Int32(size), as: Int32.self)
                    if size <= ViewStorage.inlineCapacity {
                        (view + 4).copyMemory(from: data.baseAddress + start, byteCount: size)
                    } else {
                        (view + 4).copyMemory(from: data.baseAddress + start, byteCount: 4)
                        view.storeBytes(of: Int32(start), toByteOffset: 12, as: Int32.self)
                    }
                }
            }
            buffers = total > 0 ? [views, data] : [views]
        case .fixedSizeBinary(let width):
            // Every valid slot holds `width` bytes; null slots are empty and become zeros.
            let values = ArrowBuffer(count: length * width) { out in
                guard let base = out.baseAddress else { return }
                base.initializeMemory(as: UInt8.self, repeating: 0, count: out.count)
                for slot in 0..<length {
                    let start = Int(offset(slot))
                    let size = Int(offset(slot + 1)) - start
                    (base + slot * width).copyMemory(from: data.baseAddress + start, byteCount: min(size, width))
                }
            }
            buffers = [values]
        default:
            throw ArrowError.invalidArgument("a cast cannot build text of type \(type)")
        }
        return ArrayData(
            type: type, length: length, nullCount: validity.nullCount, validity: validity.validity, buffers: buffers)
    }

    private static func tooLarge(_ total: Int, _ type: DataType) -> ArrowError {
        .invalidArgument("the cast's \(total) bytes of values exceed the \(Int32.max) that \(type) can address; cast to the large type instead")
    }
}
