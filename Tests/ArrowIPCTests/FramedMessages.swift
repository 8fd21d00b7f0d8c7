import Foundation
@testable import ArrowIPC

/// Every message of `bytes` (a stream, or a file read front to back), as the readers frame
/// them, each with the byte where it ends.
func framedMessagesWithEnds(_ bytes: some ContiguousBytes) throws -> [(message: FramedMessage, end: Int)] {
    let buffer = bytes.withUnsafeBytes { ArrowBuffer(copying: $0) }
    var framer = MessageFramer(options: ArrowReadOptions())
    var position = 0
    var messages: [(FramedMessage, Int)] = []
    while let message = try framer.next(from: buffer, at: &position) {
        messages.append((message, position))
    }
    return messages
}

/// Every message of `bytes` (a stream, or a file read front to back).
func framedMessages(_ bytes: some ContiguousBytes) throws -> [FramedMessage] {
    try framedMessagesWithEnds(bytes).map(\.message)
}
