/// Which Arrow layouts a writer may use, as polars' `CompatLevel`.
public enum CompatibilityLevel: String, Sendable, Hashable, CaseIterable {
    /// Write the data as it is, view types included.
    case newest
    /// Write the view types as the classic layouts every reader knows: `utf8View` as
    /// `largeUtf8`, `binaryView` as `largeBinary`, `listView` and `largeListView` as
    /// `largeList`, at any depth and inside dictionaries.
    case oldest
}
