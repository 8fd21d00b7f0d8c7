extension DataType {
    /// The type whose layout arrays of this type have: the storage type of an extension type
    /// (followed through nested extensions), the type itself otherwise.
    var storageType: DataType {
        if case .extension(_, let storage, _) = self {
            return storage.storageType
        }
        return self
    }

    /// Whether the type's offsets (and list view sizes) are 64-bit: large binary, large
    /// string, large list and large list view.
    var isLarge: Bool {
        switch self {
        case .largeBinary, .largeUtf8, .largeList, .largeListView: return true
        default: return false
        }
    }

    /// Whether this is a map type.
    var isMap: Bool {
        if case .map = self { return true }
        return false
    }
}
