import Testing
@testable import ArrowIPC

@Suite struct FlatBufferTests {
    /// A table of every kind of field: scalars of each width, a string, vectors and a sub-table.
    private func sampleBuffer() -> [UInt8] {
        var builder = FlatBufferBuilder(capacity: 16)
        let name = builder.createString("héllo")
        let numbers = builder.createVector(of: [Int64(1), -2, 3])
        let pairs = builder.createStructVector(count: 2, elementSize: 16, alignment: 8) { index, bytes in
            bytes.storeBytes(of: Int64(index * 10).littleEndian, toByteOffset: 0, as: Int64.self)
            bytes.storeBytes(of: Int64(index * 10 + 1).littleEndian, toByteOffset: 8, as: Int64.self)
        }
        let inner = builder.createTable([.int32(0, 42)])
        let strings = [builder.createString("a"), builder.createString("")]
        let stringVector = builder.createVector(of: strings)
        let root = builder.createTable([
            .uint8(0, 7),
            .bool(1, true),
            .int16(2, -300),
            .int32(3, 1 << 20),
            .int64(4, Int64.min),
            .offset(5, name),
            .offset(6, numbers),
            .offset(7, pairs),
            .offset(8, inner),
            .offset(9, stringVector),
            .int64(10, 5, default: 5),
        ])
        return builder.finish(root: root)
    }

    @Test func readsBackWhatTheBuilderWrote() throws {
        let bytes = sampleBuffer()
        try bytes.withUnsafeBytes { raw in
            let reader = FlatBufferReader(raw)
            let table = try reader.root("Sample")
            #expect(try table.scalar(0, "a", default: UInt8(0)) == 7)
            #expect(try table.bool(1, "b", default: false))
            #expect(try table.scalar(2, "c", default: Int16(0)) == -300)
            #expect(try table.scalar(3, "d", default: Int32(0)) == 1 << 20)
            #expect(try table.scalar(4, "e", default: Int64(0)) == Int64.min)
            #expect(try table.string(5, "f") == "héllo")
            let numbers = try #require(try table.vector(6, "g", elementSize: 8))
            #expect((0..<numbers.count).map { numbers.load(Int64.self, at: $0) } == [1, -2, 3])
            let pairs = try #require(try table.vector(7, "h", elementSize: 16))
            #expect(pairs.count == 2)
            #expect(pairs.load(Int64.self, at: 1) == 10)
            #expect(pairs.load(Int64.self, at: 1, byteOffset: 8) == 11)
            #expect(pairs.start % 8 == 0)
            let inner = try #require(try table.table(8, "i", type: "Inner"))
            #expect(try inner.scalar(0, "x", default: Int32(0)) == 42)
            let strings = try #require(try table.vector(9, "j", elementSize: 4))
            #expect(strings.count == 2)
            // The default-valued field was left out, and unknown slots read as absent.
            #expect(!table.has(10))
            #expect(try table.scalar(10, "k", default: Int64(5)) == 5)
            #expect(try table.scalar(30, "z", default: Int32(-1)) == -1)
            #expect(try table.string(31, "z") == nil)
        }
    }

    @Test func alignsScalarsAndOffsets() {
        let bytes = sampleBuffer()
        #expect(bytes.count % 8 == 0)
        bytes.withUnsafeBytes { raw in
            let root = Int(raw.loadUnaligned(as: UInt32.self).littleEndian)
            #expect(root % 4 == 0)
        }
    }

    @Test func sharesIdenticalVtables() throws {
        var builder = FlatBufferBuilder()
        let a = builder.createTable([.int32(0, 1)])
        let b = builder.createTable([.int32(0, 2)])
        let vector = builder.createVector(of: [a, b])
        let bytes = builder.finish(root: builder.createTable([.offset(0, vector)]))
        try bytes.withUnsafeBytes { raw in
            let tables = try #require(try FlatBufferReader(raw).root("Root").vector(0, "items", elementSize: 4))
            let first = try tables.table(at: 0, type: "Item")
            let second = try tables.table(at: 1, type: "Item")
            func vtable(_ table: FlatBufferTable) -> Int {
                table.position - Int(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: table.position, as: Int32.self)))
            }
            #expect(vtable(first) == vtable(second))
            #expect(try first.scalar(0, "x", default: Int32(0)) == 1)
            #expect(try second.scalar(0, "x", default: Int32(0)) == 2)
        }
    }

    @Test func stringsAreNulTerminated() {
        var builder = FlatBufferBuilder()
        let text = builder.createString("abc")
        let bytes = builder.finish(root: builder.createTable([.offset(0, text)]))
        let found = bytes.indices.contains { index in
            index + 8 <= bytes.count && Array(bytes[index..<(index + 8)]) == [3, 0, 0, 0, 97, 98, 99, 0]
        }
        #expect(found)
    }

    @Test func rejectsBuffersTooShortForARoot() {
        for count in 0..<4 {
            let bytes = [UInt8](repeating: 0, count: count)
            #expect(throws: ArrowError.self) {
                try bytes.withUnsafeBytes { try FlatBufferReader($0).root("Message") }
            }
        }
    }

    @Test func rejectsARootOutsideTheBuffer() {
        let bytes: [UInt8] = [200, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: ArrowError.self) {
            try bytes.withUnsafeBytes { try FlatBufferReader($0).root("Message") }
        }
    }

    @Test func rejectsAVtableOutsideTheBuffer() {
        // Root at 4; the table's signed offset sends the vtable far before the buffer.
        let bytes: [UInt8] = [4, 0, 0, 0, 0, 0, 0, 0x70]
        #expect(throws: ArrowError.self) {
            try bytes.withUnsafeBytes { try FlatBufferReader($0).root("Message") }
        }
    }

    @Test func rejectsAVectorLongerThanTheBuffer() throws {
        var builder = FlatBufferBuilder()
        let vector = builder.createVector(of: [Int32(1), 2])
        var bytes = builder.finish(root: builder.createTable([.offset(0, vector)]))
        // Find the length prefix 2 and make it huge.
        let lengthAt = try #require(bytes.indices.first { index in
            index + 12 <= bytes.count && Array(bytes[index..<(index + 12)]) == [2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]
        })
        bytes[lengthAt + 3] = 0x40
        let error = bytes.withUnsafeBytes { raw -> ArrowError? in
            do {
                _ = try FlatBufferReader(raw).root("Field").vector(0, "children", elementSize: 4)
                return nil
            } catch let error as ArrowError {
                return error
            } catch {
                return nil
            }
        }
        let message = try #require(error).description
        #expect(message.contains("Field.children vector runs past the end of the metadata"))
    }

    @Test func rejectsInvalidUTF8() throws {
        var builder = FlatBufferBuilder()
        let text = builder.createString("abcd")
        var bytes = builder.finish(root: builder.createTable([.offset(0, text)]))
        let at = try #require(bytes.indices.first { bytes[$0] == UInt8(ascii: "a") })
        bytes[at] = 0xFF
        #expect(throws: ArrowError.self) {
            try bytes.withUnsafeBytes { try FlatBufferReader($0).root("KeyValue").string(0, "key") }
        }
    }

    @Test func survivesEveryTruncationAndByteFlip() {
        let bytes = sampleBuffer()
        func readAll(_ data: [UInt8]) {
            _ = try? data.withUnsafeBytes { raw in
                let table = try FlatBufferReader(raw).root("Sample")
                _ = try table.scalar(4, "e", default: Int64(0))
                _ = try table.string(5, "f")
                _ = try table.vector(6, "g", elementSize: 8)
                _ = try table.vector(7, "h", elementSize: 16)
                _ = try table.table(8, "i", type: "Inner")?.scalar(0, "x", default: Int32(0))
                if let strings = try table.vector(9, "j", elementSize: 4) {
                    for index in 0..<strings.count {
                        _ = try strings.table(at: index, type: "String")
                    }
                }
            }
        }
        for length in 0..<bytes.count {
            readAll(Array(bytes[..<length]))
        }
        for index in bytes.indices {
            for value in [0x00, 0x01, 0x7F, 0x80, 0xFF] as [UInt8] {
                var mutated = bytes
                mutated[index] = value
                readAll(mutated)
            }
        }
    }
}
