/// A problem validation found in one node: what is wrong, and which of the node's buffers it
/// concerns, if one.
struct NodeProblem: Error {
    /// A buffer of a node.
    enum Buffer: Equatable {
        /// The validity bitmap.
        case validity
        /// `buffers[index]` of the node (its offsets, values, views, type ids, …).
        case data(Int)
    }

    /// What is wrong, with what was expected and what was found.
    var message: String
    var buffer: Buffer?

    init(_ message: String, buffer: Buffer? = nil) {
        self.message = message
        self.buffer = buffer
    }
}

/// A problem found somewhere in a tree of nodes: where the node is and what is wrong with it.
struct ValidationFailure: Error {
    /// The node's path below the top, e.g. `a.b[child 2]` (empty for the top node).
    var path: String
    /// The node's position in depth-first order below the top, dictionaries excluded (see
    /// ``FieldPath/enterNode()``); `nil` for a node inside a dictionary.
    var node: Int?
    var problem: NodeProblem

    /// The problem as an error: `field 'a.b': …`, or the sentence alone for the top node.
    var error: ArrowError {
        .invalidData(path.isEmpty ? problem.message : "field '\(path)': \(problem.message)")
    }
}
