import Foundation
import Testing
@testable import ArrowIPC

/// Slices made on worker threads are handed on in order, on the caller's thread, never more
/// than the buffers ahead; a failure stops them with the first failing slice's error.
@Suite struct OrderedSlicesTests {
    private struct Failure: Error, Equatable {
        let slice: Int
    }

    /// Runs `OrderedSlices.write` over slices whose text is their number, the later ones made
    /// faster (so that workers finish out of order); returns the numbers handed on, in order.
    private func handedOn(
        sliceCount: Int, bufferCount: Int = 4, failing: Set<Int> = [], outputFailsAt: Int? = nil,
        ahead: Locked<(made: Int, handedOn: Int, most: Int)> = Locked((0, 0, 0))
    ) throws -> [Int] {
        let caller = pthread_self()
        var received: [Int] = []
        var buffers: [OutputBytes] = []
        try OrderedSlices.write(
            sliceCount: sliceCount, workerCount: 2, bufferCount: bufferCount, buffers: &buffers,
            make: { slice, text in
                usleep(UInt32(max(0, 20 - slice)) * 100)
                if failing.contains(slice) { throw Failure(slice: slice) }
                text.append("\(slice);")
                ahead.withLock { $0.made += 1; $0.most = max($0.most, $0.made - $0.handedOn) }
            },
            output: { bytes in
                #expect(pthread_equal(pthread_self(), caller) != 0)
                let numbers = String(decoding: bytes, as: UTF8.self).split(separator: ";").compactMap { Int($0) }
                #expect(numbers.count == 1)
                if let slice = numbers.first {
                    if slice == outputFailsAt { throw Failure(slice: slice) }
                    received.append(slice)
                }
                ahead.withLock { $0.handedOn += 1 }
            })
        return received
    }

    @Test func slicesAreHandedOnInOrderOnTheCallersThread() throws {
        for sliceCount in [1, 2, 7, 40] {
            #expect(try handedOn(sliceCount: sliceCount) == Array(0..<sliceCount))
        }
    }

    @Test func noMoreSlicesAreMadeAheadThanThereAreBuffers() throws {
        for bufferCount in [1, 2, 3] {
            let ahead = Locked((made: 0, handedOn: 0, most: 0))
            #expect(try handedOn(sliceCount: 30, bufferCount: bufferCount, ahead: ahead) == Array(0..<30))
            #expect(ahead.withLock { $0.most } <= bufferCount)
        }
    }

    @Test func theFirstFailingSliceStopsTheOutputWithItsError() throws {
        let ahead = Locked((made: 0, handedOn: 0, most: 0))
        #expect(throws: Failure(slice: 5)) {
            _ = try handedOn(sliceCount: 40, failing: [5, 7, 30], ahead: ahead)
        }
        // Slices 0 to 4 were handed on, and nothing after them.
        #expect(ahead.withLock { $0.handedOn } == 5)
    }

    @Test func anOutputThatFailsStopsTheWorkers() throws {
        let ahead = Locked((made: 0, handedOn: 0, most: 0))
        #expect(throws: Failure(slice: 3)) {
            _ = try handedOn(sliceCount: 1_000, outputFailsAt: 3, ahead: ahead)
        }
        // The workers stopped within the buffers' reach of the failure, not at the end.
        #expect(ahead.withLock { $0.made } <= 3 + 4)
        #expect(ahead.withLock { $0.handedOn } == 3)
    }

    @Test func theCallersBuffersAreGivenBackEmptyAndUsedAgain() throws {
        var buffers: [OutputBytes] = []
        let slice = [UInt8](repeating: UInt8(ascii: "a"), count: 300_000)
        func write(failingAt failing: Int? = nil) throws {
            try OrderedSlices.write(
                sliceCount: 10, workerCount: 2, bufferCount: 3, buffers: &buffers,
                make: { number, text in
                    if number == failing { throw Failure(slice: number) }
                    slice.withUnsafeBytes { text.append($0) }
                },
                output: { #expect($0.elementsEqual(slice)) })
        }
        try write()
        #expect(buffers.count == 3)
        #expect(buffers.allSatisfy { $0.count == 0 })
        // Grown to hold a slice the first time, the same memory holds the slices of the second.
        let addresses = buffers.map(\.bytes.baseAddress)
        try write()
        #expect(buffers.map(\.bytes.baseAddress) == addresses)
        #expect(throws: Failure(slice: 4)) { try write(failingAt: 4) }
        #expect(buffers.count == 3)
        #expect(buffers.allSatisfy { $0.count == 0 })
    }
}
