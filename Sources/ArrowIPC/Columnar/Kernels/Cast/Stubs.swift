extension Caster {
    func castList(_ data: ArrayData, to target: DataType) throws -> ArrayData { throw unsupported(data.type, target) }
    func castStruct(_ data: ArrayData, to target: DataType) throws -> ArrayData { throw unsupported(data.type, target) }
    func recodeDictionary(_ data: ArrayData, to target: DataType) throws -> ArrayData { throw unsupported(data.type, target) }
    func decodeDictionary(_ data: ArrayData, to target: DataType) throws -> ArrayData { throw unsupported(data.type, target) }
    func encodeDictionary(_ data: ArrayData, to target: DataType) throws -> ArrayData { throw unsupported(data.type, target) }
}
extension ArrayData {
    static func nulls(of type: DataType, length: Int) throws -> ArrayData { throw ArrowError.notSupported("") }
}
