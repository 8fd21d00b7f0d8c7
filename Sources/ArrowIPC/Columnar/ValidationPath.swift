/// Where the node being validated sits below the top: a stack of steps, pushed and popped as
/// validation walks down and back up, and written out (`column 'a' → child 'item'`) only for
/// an error — so a valid batch costs no text, however deep or long-named its fields.
struct ValidationPath: CustomStringConvertible {
    /// One step down from a batch or a node.
    enum Step {
        /// Column `name` of a record batch.
        case column(String)
        /// Child `name` of a nested node.
        case child(String)
        /// The dictionary of a dictionary-encoded node.
        case dictionary
    }

    private var steps: [Step] = []

    /// The number of steps below the top.
    var depth: Int { steps.count }

    /// Runs `body` with `step` pushed on the path, popping it afterwards.
    mutating func descend(_ step: Step, _ body: (inout ValidationPath) throws -> Void) rethrows {
        steps.append(step)
        defer { steps.removeLast() }
        try body(&self)
    }

    /// `column 'a' → child 'item' → dictionary`.
    var description: String {
        steps.map { step in
            switch step {
            case .column(let name): return "column '\(name)'"
            case .child(let name): return "child '\(name)'"
            case .dictionary: return "dictionary"
            }
        }.joined(separator: " → ")
    }
}
