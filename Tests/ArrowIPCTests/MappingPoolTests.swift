import Foundation
import Testing
@testable import ArrowIPC

/// The pool of freed input-sized mappings: reused, and never holding more than was in use.
@Suite struct MappingPoolTests {
    @Test func sizesAreWholeHugePages() {
        #expect(MappingPool.mappingSize(1) == 2 << 20)
        #expect(MappingPool.mappingSize(2 << 20) == 2 << 20)
        #expect(MappingPool.mappingSize((2 << 20) + 1) == 4 << 20)
        #expect(MappingPool.mappingSize(.max) == .max)
    }

    @Test func aFreedMappingIsHandedOutAgain() throws {
        let pool = MappingPool()
        let size = MappingPool.mappingSize(3 << 20)
        let first = try #require(pool.take(size))
        let second = try #require(pool.take(size))
        first.storeBytes(of: 0xAB, as: UInt8.self)
        pool.give(first, size)
        #expect(pool.keptByteCount == size)
        let again = try #require(pool.take(size))
        #expect(again == first)
        #expect(again.load(as: UInt8.self) == 0xAB)
        #expect(pool.keptByteCount == 0)
        pool.give(again, size)
        pool.give(second, size)
        #expect(pool.keptByteCount == 2 * size)
    }

    @Test func keptMappingsStayWithinThePeakAndTheLimits() throws {
        let pool = MappingPool()
        let size = MappingPool.mappingSize(1)
        // One in use at a time: the pool keeps one, never a second.
        for _ in 0..<3 {
            let mapping = try #require(pool.take(size))
            pool.give(mapping, size)
            #expect(pool.keptByteCount == size)
        }
        // Larger than the largest kept: unmapped when freed.
        let large = MappingPool.largestKept + MappingPool.granule
        let mapping = try #require(pool.take(large))
        pool.give(mapping, large)
        #expect(pool.keptByteCount == size)
    }

    @Test func reusedInputMemoryHasAZeroTail() throws {
        for _ in 0..<3 {
            let count = (1 << 20) + 3
            let allocation = try HeapAllocation(inputSized: count, purpose: "a test")
            let tail = UnsafeRawBufferPointer(start: allocation.pointer + count, count: 61)
            #expect(tail.allSatisfy { $0 == 0 })
            // Dirty the whole rounded size, as a user of the memory may, for the next one.
            allocation.pointer.initializeMemory(as: UInt8.self, repeating: 0xFF, count: count + 61)
        }
    }
}
