import Failures
import Foundation

/// A problem with an input file, located precisely enough that a researcher can
/// open the file and fix it: `path:line:column: message`.
///
/// Lines and columns are 1-based; the column counts fields in a CSV (so
/// "column 7" is the seventh field), which is what a person sees in a
/// spreadsheet. `line`/`column` are nil when the problem concerns the whole file.
public struct DataError: UserFacingError, Equatable, Sendable {
    public var path: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = path
        if let line { location += ":\(line)" }
        if let column { location += ":\(column)" }
        return "\(location): \(message)"
    }
}

/// Quotes a data value for an error message so that invisible or hostile
/// characters stay visible (`"abc"`, `"\r"`, `"\u{0}"`) and the message is one line.
public func quotedForMessage(_ value: String, limit: Int = 60) -> String {
    var out = "\""
    var count = 0
    for scalar in value.unicodeScalars {
        if count >= limit { out += "…"; break }
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        count += 1
    }
    return out + "\""
}
