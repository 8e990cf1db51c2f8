import Foundation

/// Typed access to a Parquet file's columns for the loaders, with the errors
/// a researcher needs: a text column where numbers are expected (or the
/// reverse) names the file, the column and its type; a missing score names
/// the row. Missing text becomes "" — what an empty CSV field is.
extension ParquetFile {
    /// A column of text (BYTE_ARRAY or FIXED_LEN_BYTE_ARRAY), missing values as "".
    public func textColumn(_ name: String) throws -> [String] {
        let column = try read(column: name)
        guard let strings = column.strings else {
            throw DataError(path: path, message: "column \(quotedForMessage(name)): expected text (BYTE_ARRAY), found numbers (\(column.physicalType))")
        }
        return strings.map { $0 ?? "" }
    }

    /// A column of numbers as doubles, NaN where a value is missing; with
    /// `rows` (ascending, 0-based), the values of those rows only, in order.
    public func numberColumn(_ name: String, rows: [Int]? = nil) throws -> [Double] {
        let column = try read(column: name, rows: rows)
        guard let numbers = column.doubles else {
            let kind = column.physicalType == .boolean ? "true/false values" : "text"
            throw DataError(path: path, message: "column \(quotedForMessage(name)): expected numbers, found \(kind) (\(column.physicalType))")
        }
        return numbers
    }

    /// The message for a value a loader cannot use, at its 1-based row.
    public func valueError(column: String, row: Int, _ message: String) -> DataError {
        DataError(path: path, message: "column \(quotedForMessage(column)), row \(row): \(message)")
    }
}
