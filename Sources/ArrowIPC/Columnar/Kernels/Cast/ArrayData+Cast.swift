extension ArrayData {
    /// This array's values as `type`, converted value by value as pyarrow's `cast` converts
    /// them (`safe=True`); a value that does not convert throws
    /// ``ArrowError/castFailed(_:)`` naming its row, or becomes null in a lenient cast (see
    /// ``CastOptions``). A pair of types no conversion exists for throws
    /// ``ArrowError/notSupported(_:)``.
    ///
    /// What converts:
    /// - booleans, integers and floating-point numbers to each other: integers in range,
    ///   floats that are whole (and finite) to integers, integers within ±2^53 to `double`
    ///   (±2^24 to `float`, ±2^11 to `halffloat`); floats round to narrower floats;
    /// - numbers and booleans to and from `string`, `large_string`, `string_view` (and from
    ///   the binary types): as pyarrow writes and reads them;
    /// - decimals to and from integers, floats, strings and other decimals, rescaled;
    ///   digits lost or a value beyond the precision fail;
    /// - strings to `date32`, `date64` and `timestamp` (ISO 8601, or the formats of
    ///   ``CastOptions/timestampFormats``), and dates, times, timestamps and durations to
    ///   strings; timestamps between units (lost precision fails) and time zones (the same
    ///   instant); timestamps to dates and times of day (in the time zone's local time, as
    ///   pyarrow does) and dates to timestamps; `date32` and `date64`; `time32` and `time64`;
    ///   durations between units; each to and from the integers of its storage width;
    /// - the string and binary types among themselves (binaries to strings must be UTF-8);
    /// - lists of every kind among themselves (the items cast too), fixed-size lists to and
    ///   from lists, maps to maps and to lists of their entries;
    /// - structs to structs, fields matched by name (the missing ones, when nullable, null);
    /// - dictionary-encoded values decoded, values encoded, dictionaries re-encoded;
    /// - extension types to and from their storage (and so to what their storage casts to);
    /// - `null` to every type (all null), and all-null arrays to `null`.
    ///
    /// A value inside a nested type that does not convert fails the row holding it (strict)
    /// or becomes null inside it (lenient); values no valid row reaches (under a null list or
    /// struct, outside a slice, in a dictionary entry no row uses) are not checked.
    ///
    /// Where this differs from pyarrow 26, on purpose: decimals convert to and from floats
    /// exactly (pyarrow is approximate, and wrong in places); integers cast to decimals are
    /// checked value by value (pyarrow refuses a precision below the integer type's digits);
    /// integers cast to `halffloat` must lie within ±2048 and to a time of day or `date64` must
    /// be one (pyarrow does not check); overflows of `time32` fail (pyarrow wraps); and a few
    /// pairs pyarrow refuses convert (`null` from all-null arrays, list views, `halffloat` and
    /// booleans, integers of another width and temporal types).
    ///
    /// The input is validated at the default level first. The result shares no buffer with
    /// the input unless the bytes are the same (a cast between `string` and `binary`, say).
    public func cast(to type: DataType, options: CastOptions = .init()) throws -> ArrayData {
        try validate()
        do {
            return try Caster(options: options).cast(self, to: type)
        } catch let failure as SlotFailure {
            throw ArrowError.castFailed(failure.failure)
        }
    }
}

extension ArrowArray {
    /// This array's values as `type`, as ``ArrayData/cast(to:options:)`` converts them, in the
    /// typed array for `type` (see ``makeArray(_:)``).
    public func cast(to type: DataType, options: CastOptions = .init()) throws -> any ArrowArray {
        makeArray(try data.cast(to: type, options: options))
    }
}
