import Foundation
@testable import ArrowIPC

/// Locates the Arrow golden files (the arrow-testing repository's `data` folder).
enum GoldenData {
    /// `$ARROW_TESTING_DATA`, else `<package root>/../shared/arrow-testing/data`; `nil` when
    /// the folder does not exist.
    static var root: URL? {
        let url: URL
        if let override = ProcessInfo.processInfo.environment["ARROW_TESTING_DATA"], !override.isEmpty {
            url = URL(fileURLWithPath: override, isDirectory: true)
        } else {
            // #filePath is <package root>/Tests/ArrowIPCTests/GoldenData.swift.
            let packageRoot = URL(fileURLWithPath: #filePath)
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/arrow-testing/data", isDirectory: true)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return url
    }
}

// Dictionary ids are chosen by each writer (Arrow C++ numbers nested dictionaries depth-first
// when it writes the golden files, whatever ids their JSON gives), so the golden tests compare
// schemas and batches with the ids left out, as Arrow's own integration checks do.

extension DataType {
    /// The type with every dictionary id of the fields inside it removed.
    var withoutDictionaryIds: DataType {
        switch self {
        case .list(let item): return .list(item.withoutDictionaryId)
        case .largeList(let item): return .largeList(item.withoutDictionaryId)
        case .listView(let item): return .listView(item.withoutDictionaryId)
        case .largeListView(let item): return .largeListView(item.withoutDictionaryId)
        case .fixedSizeList(let item, let size): return .fixedSizeList(item.withoutDictionaryId, listSize: size)
        case .struct(let fields): return .struct(fields.map(\.withoutDictionaryId))
        case .map(let entries, let sorted): return .map(entries.withoutDictionaryId, keysSorted: sorted)
        case .union(let mode, let fields, let typeIds): return .union(mode, fields.map(\.withoutDictionaryId), typeIds: typeIds)
        case .dictionary(let index, let value, let ordered):
            return .dictionary(index: index, value: value.withoutDictionaryIds, ordered: ordered)
        case .runEndEncoded(let runEnds, let values):
            return .runEndEncoded(runEnds: runEnds.withoutDictionaryId, values: values.withoutDictionaryId)
        case .extension(let name, let storage, let metadata):
            return .extension(name: name, storage: storage.withoutDictionaryIds, metadata: metadata)
        default: return self
        }
    }
}

extension Field {
    /// The field without its dictionary id, nor any in its type.
    var withoutDictionaryId: Field {
        var field = self
        field.dictionaryId = nil
        field.type = type.withoutDictionaryIds
        return field
    }
}

extension Schema {
    /// The schema without dictionary ids.
    var withoutDictionaryIds: Schema {
        Schema(fields.map(\.withoutDictionaryId), metadata: metadata)
    }
}

extension ArrayData {
    /// The node, its children and dictionary with the dictionary ids left out of their types.
    var withoutDictionaryIds: ArrayData {
        ArrayData(
            type: type.withoutDictionaryIds, length: length, offset: offset, nullCount: nullCount, validity: validity,
            buffers: buffers, children: children.map(\.withoutDictionaryIds), dictionary: dictionary?.withoutDictionaryIds)
    }
}

extension RecordBatch {
    /// The first difference from `other` (see ``RecordBatch/firstDifference(from:floatTolerance:)``),
    /// dictionary ids aside.
    func goldenDifference(from other: RecordBatch, floatTolerance: Double = 0) -> String? {
        func stripped(_ batch: RecordBatch) -> RecordBatch {
            RecordBatch(schema: batch.schema.withoutDictionaryIds, columnData: batch.columnData.map(\.withoutDictionaryIds),
                        rowCount: batch.rowCount, metadata: batch.metadata)
        }
        return stripped(self).firstDifference(from: stripped(other), floatTolerance: floatTolerance)
    }
}
