/// An array that stores each run of equal values once (`run_end_encoded`): child ``runEnds``
/// (int16, int32 or int64) holds where each run ends, child ``values`` the run's value.
///
/// Run `r` covers the logical slots from the end of run `r - 1` (0 for the first) up to
/// `runEnds[r]`; the node's offset is a logical slot, so a slice shares both children whole.
/// The array has no nulls of its own: a slot is null when its run's value is. Each element is
/// the value of the slot's run as a one-slot array of the values' type, found by binary
/// search (``physicalIndex(forLogicalIndex:)``). `Array(array)` gives `[any ArrowArray]`.
public struct RunEndEncodedArray: ArrowArray, RandomAccessCollection, Sendable {
    /// The node this array reads.
    public let data: ArrayData

    /// Wraps `data`, which must be of a run-end encoded type and pass
    /// ``ArrayData/validate(_:)`` at the default level.
    public init(_ data: ArrayData) throws {
        let readable = if case .runEndEncoded = data.type { true } else { false }
        self.init(unchecked: try data.validated(for: "RunEndEncodedArray", readable: readable))
    }

    /// Wraps `data` whose type and layout are known to be right.
    init(unchecked data: ArrayData) {
        self.data = data
    }

    /// An array of runs: run `r` repeats `values[r]` up to logical slot `runEnds[r]`. The
    /// length is the last run end (0 without runs).
    ///
    /// The children are the non-null field `run_ends` and the nullable field `values`, as
    /// pyarrow names them. Throws when the run ends are not int16, int32 or int64, have nulls,
    /// are not positive and increasing, or outnumber the values.
    public init(runEnds: any ArrowArray, values: any ArrowArray) throws {
        let endType = runEnds.type
        guard [DataType.int16, .int32, .int64].contains(endType) else {
            throw ArrowError.invalidArgument("run ends must be int16, int32 or int64, not \(endType)")
        }
        // Checked first, so that the last run end can be read.
        let ends = try runEnds.data.validatedAsBuilt()
        let length = ends.length > 0 ? ends.buffers[0].integer(endType, at: ends.offset + ends.length - 1) ?? 0 : 0
        let data = ArrayData(
            type: .runEndEncoded(runEnds: Field("run_ends", endType, nullable: false), values: Field("values", values.type)),
            length: Swift.max(length, 0), nullCount: 0, validity: nil, buffers: [], children: [ends, values.data])
        self.init(unchecked: try data.validatedAsBuilt())
    }

    /// The run ends, whole: logical slots, not counting this array's offset from 0.
    public var runEnds: any ArrowArray {
        makeArray(data.children[0])
    }

    /// The values, one per run, whole.
    public var values: any ArrowArray {
        makeArray(data.children[1])
    }

    /// The run (the slot of ``values``) that holds logical slot `index` of this array: the
    /// first run whose end is past `offset + index`.
    public func physicalIndex(forLogicalIndex index: Int) -> Int {
        precondition(index >= 0 && index < data.length, "index \(index) is outside 0..<\(data.length)")
        let runEnds = data.children[0]
        // The layout check found the last run end at or past the last slot, so the search
        // ends on a run; run ends out of order (which validation reports) end on the last.
        return (try? runEnds.firstRunEnd(after: data.offset &+ index)) ?? Swift.max(0, runEnds.length - 1)
    }

    /// The value of the run that holds slot `position`, as a one-slot array (whose slot may
    /// be null).
    public subscript(position: Int) -> any ArrowArray {
        makeArray(data.children[1].uncheckedSlice(physicalIndex(forLogicalIndex: position), 1))
    }
}
