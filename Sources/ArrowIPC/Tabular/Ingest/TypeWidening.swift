/// The types the text readers may widen a column to when a later batch needs more than the
/// type inferred from the first (``CSVReadOptions/widensTypes``,
/// ``JSONReadOptions/widensTypes``): only where the values read before keep their value.
enum TypeWidening {
    /// The type that holds values of both `old` and `new`, or `nil` when none may:
    /// - `null` and any type: that type;
    /// - `int64` and `double`: `double` (the integers read before must be exact doubles,
    ///   which ``RecordBatch/conformed(to:)`` checks);
    /// - `date32` and a timestamp without a time zone: the timestamp;
    /// - timestamps of one time zone: the finer unit;
    /// - lists: lists of the widened items; structs: every field of either, the common ones
    ///   widened.
    static func widened(_ old: DataType, _ new: DataType) -> DataType? {
        if old == new { return old }
        switch (old, new) {
        case (.null, _): return new
        case (_, .null): return old
        case (.int64, .float64), (.float64, .int64): return .float64
        case (.date32, .timestamp(_, nil)): return new
        case (.timestamp(_, nil), .date32): return old
        case (.timestamp(let unit1, let zone1), .timestamp(let unit2, let zone2)) where zone1 == zone2:
            return unit1.perSecond >= unit2.perSecond ? old : new
        case (.list(let item1), .list(let item2)):
            return widened(item1.type, item2.type).map { .list(Field(item1.name, $0, nullable: item1.isNullable || item2.isNullable)) }
        case (.struct(let fields1), .struct(let fields2)):
            var fields = fields1
            var positions = Dictionary(fields1.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
            for field in fields2 {
                if let index = positions[field.name] {
                    guard let type = widened(fields[index].type, field.type) else { return nil }
                    fields[index].type = type
                } else {
                    positions[field.name] = fields.count
                    fields.append(field)
                }
            }
            return .struct(fields)
        default:
            return nil
        }
    }
}
