/// A parsed CSV file kept as byte ranges of one buffer: what `CSVReader`
/// produces before any field becomes a `String`.
///
/// Why not an array of `String` fields: a reward-model score table has tens
/// of thousands of number fields, and giving each its own array of bytes and
/// its own `String` (most are longer than the 15 bytes a String holds inline,
/// so each is a heap allocation) cost more than everything else in loading.
/// Here a field is a range; a loader decodes only the text it keeps
/// (`text(_:_:)`) and reads numbers straight from the bytes (`number(_:_:)`),
/// which gives exactly what decoding first and parsing the text would.
///
/// Every record has as many fields as the header (the reader checks that),
/// so field `column` of record `record` is `fields[record * width + column]`.
public struct CSVTable: Sendable {
    /// The path errors show.
    public let path: String
    /// The header's field texts (decoded, as every field is: see `ByteText`).
    public let header: [String]
    /// The file's bytes, followed by an unescaped copy of each quoted field
    /// that holds a doubled quote (`""`); every range below points in here.
    let storage: [UInt8]
    /// The fields of the records after the header, record after record.
    let fields: [Range<Int>]
    /// The physical line each record after the header starts on.
    let lines: [Int]

    init(path: String, header: [String], storage: [UInt8], fields: [Range<Int>], lines: [Int]) {
        self.path = path; self.header = header; self.storage = storage; self.fields = fields; self.lines = lines
    }

    /// Records after the header.
    public var recordCount: Int { lines.count }

    /// The physical line record `record` (0-based, after the header) starts on.
    public func line(_ record: Int) -> Int { lines[record] }

    /// A field's text, decoded as every CSV field is (invalid UTF-8 as `\xHH`).
    public func text(_ record: Int, _ column: Int) -> String {
        withBytes(record, column) { ByteText.decode($0) }
    }

    /// A field read with the number grammar every reader shares: the same
    /// value as `NumberGrammar.parse(text(record, column))`, without the String.
    public func number(_ record: Int, _ column: Int) -> Double? {
        withBytes(record, column) { bytes in
            guard let base = bytes.baseAddress else { return nil }
            return DecimalParser.parse(base, 0, bytes.count)
        }
    }

    /// Whether `columns`' fields of two records hold the same bytes.
    func sameFields(_ record: Int, _ other: Int, _ columns: [Int]) -> Bool {
        storage.withUnsafeBufferPointer { all in
            columns.allSatisfy { column in
                let a = field(record, column), b = field(other, column)
                return a.count == b.count && all[a].elementsEqual(all[b])
            }
        }
    }

    /// The whole file as `CSVDocument`, every field decoded.
    public func document() -> CSVDocument {
        let width = header.count
        let records = lines.indices.map { r in
            CSVRecord(line: lines[r], fields: (0..<width).map { text(r, $0) })
        }
        return CSVDocument(path: path, header: header, records: records)
    }

    /// The 0-based index of a header column, or the same error as `CSVDocument.columnIndex`.
    public func columnIndex(_ name: String) throws -> Int {
        try CSVDocument.columnIndex(name, in: header, path: path)
    }

    private func field(_ record: Int, _ column: Int) -> Range<Int> {
        fields[record * header.count + column]
    }

    private func withBytes<T>(_ record: Int, _ column: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        let range = field(record, column)
        return storage.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[range]))
        }
    }
}
