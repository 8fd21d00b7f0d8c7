/// Learns the schema of an array of values: from the type through ``SchemaProbe`` when it is
/// `Decodable`, completed or replaced by what the values show (``ShapeInference``). See
/// ``ArrowEncoder`` for the rules.
struct SchemaLearning {
    /// A learnt schema and the shape it was made of (which keeps the coding keys of columns).
    struct Learnt {
        let schema: Schema
        let shape: SchemaShape
        /// Whether the type's `init(from:)` gave the schema (rather than the values alone).
        let fromType: Bool
    }

    let options: ArrowEncoder

    /// The schema of `values`: from the type when it can tell, else from the values.
    func learn<T: Encodable>(_ values: [T]) throws -> Learnt {
        var reason = "\(T.self) is not Decodable, so its init(from:) cannot tell"
        if let decodable = T.self as? any Decodable.Type {
            // The first row's values help the probe past enums it cannot guess.
            let sample = values.first.flatMap { try? ShapeInference(options: options).infer([$0]) }
            do {
                let shape = try SchemaProbe(options: options).shape(of: decodable, sample: sample)
                if shape.needsValues && !values.isEmpty {
                    try ShapeInference(options: options).infer(values, into: shape)
                }
                return Learnt(schema: try schema(of: shape, T.self), shape: shape, fromType: true)
            } catch {
                reason = "its init(from:) could not be probed: \(Self.describe(error))"
            }
        }
        guard !values.isEmpty else {
            throw EncodingError.invalidValue(values, EncodingError.Context(
                codingPath: [],
                debugDescription: "the schema of \(T.self) cannot be learnt without values: \(reason). "
                    + "Give the schema (ArrowEncoder(schema:)), or make the type's enums CaseIterable"))
        }
        return try infer(values)
    }

    /// The schema of `values` from the values alone.
    func infer<T: Encodable>(_ values: [T]) throws -> Learnt {
        let shape = try ShapeInference(options: options).infer(values)
        return Learnt(schema: try schema(of: shape, T.self), shape: shape, fromType: false)
    }

    /// The schema of the record `shape` holds; throws when the top level is not keyed.
    private func schema<T>(of shape: SchemaShape, _: T.Type) throws -> Schema {
        guard case .record = shape.kind else {
            throw EncodingError.invalidValue(T.self, EncodingError.Context(
                codingPath: [],
                debugDescription: "ArrowEncoder encodes values whose top level is keyed (structs and classes), "
                    + "one column per key; \(T.self) encodes \(shape.kindDescription)"))
        }
        do {
            guard case .struct(let fields) = try shape.dataType(options.columnName) else { return Schema([]) }
            return try Schema(fields).assigningDictionaryIds()
        } catch let error as ArrowError {
            throw EncodingError.invalidValue(T.self, EncodingError.Context(codingPath: [], debugDescription: error.reason))
        }
    }

    /// The sentence of an error met while probing.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let conflict as ShapeConflict: conflict.reason
        case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
             DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(ArrowCodingKey.describeKeys(context.codingPath)): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
