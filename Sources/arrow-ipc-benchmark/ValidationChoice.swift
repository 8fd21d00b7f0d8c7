import ArgumentParser
import ArrowIPC

/// The `--validation` choices: the readers' validation levels, by name.
enum ValidationChoice: String, CaseIterable, ExpressibleByArgument {
    case none
    case `default`
    case full

    /// The level the readers are given.
    var level: ValidationLevel {
        switch self {
        case .none: .none
        case .default: .default
        case .full: .full
        }
    }
}
