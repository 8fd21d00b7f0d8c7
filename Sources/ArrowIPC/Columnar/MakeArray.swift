/// Wraps `data` in the typed array class for its type.
public func makeArray(_ data: ArrayData) -> any ArrowArray {
    fatalError("typed arrays are being written")
}
