/// What ``ArrowRecovery`` kept of an input, and where the input broke if it did.
public struct RecoveryReport: Sendable, Hashable {
    /// Where an input stops being readable: every message before it was kept.
    public struct BreakPoint: Sendable, Hashable {
        /// The byte of the input where the part that failed starts: the message that could
        /// not be read or decoded, the end-of-stream marker of a file whose footer is damaged
        /// or missing, or the end of a file cut between two messages. Every byte before it was
        /// read; counted from the start of the input (for a file, its magic included).
        public let offset: Int
        /// The message that failed, counting from 0 (the schema message is message 0); for a
        /// file whose end-of-stream marker or footer is damaged or missing, the number of
        /// messages read.
        public let messageIndex: Int
        /// Why the input could not be read on: the reader's error, e.g. `the input ends inside
        /// the body of message 4: it needs 4096 bytes at byte 1208, but only 512 remain (truncated?)`.
        public let reason: String
    }

    /// The format of the input, read from its first bytes.
    public let inputFormat: ArrowIPCFormat
    /// The format of the output written.
    public let outputFormat: ArrowIPCFormat
    /// How many record batches the output holds: every complete batch before the break point.
    public let batchesKept: Int
    /// How many rows those batches hold.
    public let rowsKept: Int
    /// Where the input broke; `nil` when it was whole (a stream read to its end-of-stream
    /// marker or to its end between two messages, a file read to its end and its footer valid).
    public let breakPoint: BreakPoint?

    /// Whether the input was whole, so that the output holds all of it.
    public var isWhole: Bool { breakPoint == nil }
}
