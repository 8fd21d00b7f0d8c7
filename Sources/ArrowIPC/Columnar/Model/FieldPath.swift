/// Where a node sits below the top of a batch or an array: the steps down to it, written out
/// as `a.b[child 2]` only for an error — so a valid batch costs no text, however deep or
/// long-named its fields.
///
/// A step is written as its field's name, or as `[child N]` (`[column N]` at the top) when
/// the name is empty or shared with a sibling, so that the path always says which node; the
/// dictionary of a dictionary-encoded node is `[dictionary]`.
struct FieldPath: CustomStringConvertible {
    /// One step down from a batch or a node.
    enum Step {
        /// Field `index` of `siblings`: a batch's columns, or a node's children.
        case field(index: Int, siblings: [Field])
        /// The dictionary of a dictionary-encoded node.
        case dictionary
    }

    private var steps: [Step] = []
    /// How many of the steps are `.dictionary`.
    private var dictionarySteps = 0
    /// How many nodes outside dictionaries ``enterNode()`` has counted.
    private var nodesEntered = 0

    /// The path of the top (an empty path).
    init() {}

    /// The path of column `index` of `columns`.
    init(column index: Int, of columns: [Field]) {
        steps = [.field(index: index, siblings: columns)]
    }

    /// The number of steps below the top.
    var depth: Int { steps.count }

    /// Counts a node as entered, in depth-first order: returns its position among the nodes
    /// entered so far outside dictionaries — the field node order of an IPC record batch,
    /// whose dictionaries travel in messages of their own — or `nil` inside a dictionary.
    mutating func enterNode() -> Int? {
        guard dictionarySteps == 0 else { return nil }
        defer { nodesEntered += 1 }
        return nodesEntered
    }

    /// Runs `body` with `step` pushed on the path, popping it afterwards.
    mutating func descend(_ step: Step, _ body: (inout FieldPath) throws -> Void) rethrows {
        push(step)
        defer { pop() }
        try body(&self)
    }

    /// Adds `step` at the end; ``pop()`` removes it.
    mutating func push(_ step: Step) {
        steps.append(step)
        if case .dictionary = step { dictionarySteps += 1 }
    }

    /// Removes the last step.
    mutating func pop() {
        if case .dictionary = steps.removeLast() { dictionarySteps -= 1 }
    }

    /// `a.b[child 2]`, or `""` at the top.
    var description: String {
        var text = ""
        for (position, step) in steps.enumerated() {
            switch step {
            case .dictionary:
                text += "[dictionary]"
            case .field(let index, let siblings):
                let name = siblings[index].name
                let isUnique = !name.isEmpty
                    && !siblings.indices.contains { $0 != index && siblings[$0].name == name }
                if isUnique {
                    text += (position == 0 ? "" : ".") + name
                } else {
                    text += "[\(position == 0 ? "column" : "child") \(index)]"
                }
            }
        }
        return text
    }
}
