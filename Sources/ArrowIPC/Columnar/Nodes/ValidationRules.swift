/// What a validation pass checks.
struct ValidationRules {
    var level: ValidationLevel
    /// Whether the checks may read values (offsets, type ids, run ends): not for data kept in
    /// the other byte order, which gets only the checks that read no values.
    var readsValues = true
    /// Whether the full level checks decimal values against their precision.
    var checksDecimalPrecision = false
    /// Whether dictionaries are validated too: not by a reader, which validated each when its
    /// dictionary batch was read (as the same options ask), rather than once per record batch.
    var checksDictionaries = true
}
