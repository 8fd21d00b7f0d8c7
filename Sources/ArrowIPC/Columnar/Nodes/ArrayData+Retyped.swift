extension ArrayData {
    /// This node, its children and its dictionary seen as `type`, which has the same layout
    /// at every depth: only the names, nullability and metadata of nested fields differ (the
    /// buffers are shared).
    func retyped(as type: DataType) -> ArrayData {
        let childTypes = type.storageType.children.map(\.type)
        let children = childTypes.count == self.children.count
            ? zip(self.children, childTypes).map { $0.retyped(as: $1) }
            : self.children
        var dictionary = self.dictionary
        if case .dictionary(_, let valueType, _) = type.storageType {
            dictionary = dictionary?.retyped(as: valueType)
        }
        return ArrayData(
            type: type, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: children, dictionary: dictionary)
    }
}
