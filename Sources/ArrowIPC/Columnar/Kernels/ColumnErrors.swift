/// Errors of the kernels on batches and tables say which column they come from.
extension Schema {
    /// The result of `body`, its errors prefixed with column `index` (`column 2 ('price'): …`).
    func inColumn<R>(_ index: Int, _ body: () throws -> R) throws -> R {
        do {
            return try body()
        } catch let error as ArrowError {
            throw error.located("column \(index) ('\(fields[index].name)')")
        }
    }
}

extension ArrowError {
    /// This error, of the same kind, with its reason prefixed by `place` (`column 2 ('a'): …`).
    func located(_ place: String) -> ArrowError {
        switch self {
        case .invalidData(let reason): return .invalidData("\(place): \(reason)")
        case .invalidArgument(let reason): return .invalidArgument("\(place): \(reason)")
        case .notSupported(let reason): return .notSupported("\(place): \(reason)")
        case .io(let reason): return .io("\(place): \(reason)")
        case .castFailed, .invalidText: return self  // (They name their own place.)
        }
    }
}
