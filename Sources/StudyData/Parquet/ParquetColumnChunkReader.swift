import Foundation

/// Reads one column chunk (one column of one row group): walks its pages,
/// decompresses each, decodes the dictionary page if there is one, then each
/// data page's definition levels and values. A writer may switch from
/// dictionary to PLAIN pages mid-column (when the dictionary grows too big);
/// every data page names its own encoding, so that just works.
struct ParquetColumnChunkReader {
    var chunk: ParquetColumnChunkMetadata
    var rowCount: Int
    var optional: Bool
    var typeLength: Int
    /// Where the data pages must end (the footer starts there).
    var dataEnd: Int
    /// The most bytes one page may expand to.
    var pageBudget: Int
    /// The rows to keep (ascending, counted from the row group's first row);
    /// nil keeps every row. Text columns are always read whole.
    var selection: ArraySlice<Int>? = nil

    /// Where the chunk's first page starts: its dictionary page if it has one.
    private var firstPageOffset: Int64 {
        if let d = chunk.dictionaryPageOffset, d > 0, d < chunk.dataPageOffset { return d }
        return chunk.dataPageOffset
    }

    /// The chunk's bytes in the file, as its metadata gives them (checked by `read`).
    var byteRange: Range<Int> {
        let start = Int(clamping: max(firstPageOffset, 0))
        return start ..< start + Int(clamping: max(chunk.totalCompressedSize, 0))
    }

    /// Appends the chunk's `rowCount` values to `builder` (those of the
    /// selected rows only, with a selection). Errors carry the page number.
    func read(_ file: UnsafeRawBufferPointer, into builder: inout ParquetColumnBuilder) throws {
        let codec = try ParquetCodec.supported(chunk.codec)
        guard chunk.valueCount == Int64(rowCount) else {
            throw ParquetIssue("expected \(rowCount) values as the row group has rows, found \(chunk.valueCount) in the column's metadata")
        }
        let start = firstPageOffset
        guard start >= 4, chunk.totalCompressedSize >= 0, start <= Int64(dataEnd), chunk.totalCompressedSize <= Int64(dataEnd) - start else {
            throw ParquetIssue("expected the column's pages between byte 4 and the footer at byte \(dataEnd), found \(chunk.totalCompressedSize) bytes from byte \(start)")
        }
        var cursor = ByteCursor(file, from: Int(start), to: Int(start + chunk.totalCompressedSize))
        var dictionary: ParquetDictionary?
        var valuesRead = 0
        var page = 0
        var nextPick = selection?.startIndex ?? 0
        /// The selected rows among the page's `n` rows from `valuesRead`, counted from the page's first row.
        func pagePicks(_ n: Int) -> [Int]? {
            guard let selection else { return nil }
            var picks: [Int] = []
            while nextPick < selection.endIndex, selection[nextPick] < valuesRead + n {
                picks.append(selection[nextPick] - valuesRead)
                nextPick += 1
            }
            return picks
        }
        while valuesRead < rowCount {
            page += 1
            do {
                guard !cursor.isAtEnd else {
                    throw ParquetIssue("expected \(rowCount) values, found \(valuesRead) when the column's pages end")
                }
                var thrift = ThriftCompactReader(cursor)
                let header = try ParquetPageHeader.decode(&thrift)
                cursor = thrift.cursor
                let payload = try cursor.bytes(Int(header.compressedSize), "the page's data as its header says")
                guard Int(header.uncompressedSize) <= pageBudget else {
                    throw ParquetIssue("expected a page of at most \(pageBudget) bytes for a file of this size, found a header claiming \(header.uncompressedSize)")
                }
                switch header.kind {
                case let .dictionary(count, encoding):
                    guard dictionary == nil, valuesRead == 0 else { throw ParquetIssue("expected one dictionary page, before the data pages") }
                    let data = try ParquetDecompression.decompress(payload, codec: codec, expectedSize: Int(header.uncompressedSize))
                    dictionary = try data.withUnsafeBytes { raw in
                        var values = ByteCursor(raw)
                        let n = try checkedCount(count, limit: raw.count * 8, "the dictionary's value count")
                        return try ParquetValueDecoding.dictionary(&values, encoding: encoding, count: n, typeLength: typeLength,
                                                                   page: data, builder: &builder)
                    }
                case let .dataV1(count, encoding, definitionEncoding):
                    let n = try checkedCount(count, limit: rowCount - valuesRead, "the page's value count (rows left in the row group)")
                    let data = try ParquetDecompression.decompress(payload, codec: codec, expectedSize: Int(header.uncompressedSize))
                    try data.withUnsafeBytes { raw in
                        var body = ByteCursor(raw)
                        var levels: [UInt32]?
                        if optional {
                            guard definitionEncoding == ParquetEncoding.rle.rawValue else {
                                throw ParquetIssue("expected RLE definition levels, found \((try? ParquetEncoding.from(definitionEncoding).description) ?? String(definitionEncoding))")
                            }
                            let length = try Int(body.littleEndian(UInt32.self, "the length of the definition levels"))
                            let bytes = try body.bytes(length, "the definition levels")
                            var levelCursor = ByteCursor(bytes)
                            levels = try RLEHybridDecoder.definitionLevels(&levelCursor, count: n)
                        }
                        try decodeValues(&body, encoding: encoding, count: n, levels: levels, dictionary: dictionary,
                                         picks: pagePicks(n), into: &builder)
                    }
                    valuesRead += n
                case let .dataV2(count, nullCount, _, encoding, definitionLength, repetitionLength, isCompressed):
                    let n = try checkedCount(count, limit: rowCount - valuesRead, "the page's value count (rows left in the row group)")
                    guard repetitionLength == 0 else { throw ParquetIssue("expected no repetition levels in a flat column, found \(repetitionLength) bytes") }
                    let levelBytes = try checkedCount(definitionLength, limit: payload.count, "the length of the definition levels")
                    guard levelBytes <= Int(header.uncompressedSize) else {
                        throw ParquetIssue("expected definition levels within the page's \(header.uncompressedSize) bytes, found \(levelBytes)")
                    }
                    var levels: [UInt32]?
                    if optional {
                        var levelCursor = ByteCursor(UnsafeRawBufferPointer(rebasing: payload[0 ..< levelBytes]))
                        levels = try RLEHybridDecoder.definitionLevels(&levelCursor, count: n)
                        let nulls = levels?.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } ?? 0
                        guard nulls == Int(nullCount) else { throw ParquetIssue("expected \(nullCount) missing values as the page header says, found \(nulls)") }
                    }
                    let rest = UnsafeRawBufferPointer(rebasing: payload[levelBytes...])
                    let data = try ParquetDecompression.decompress(rest, codec: isCompressed ? codec : .uncompressed,
                                                                   expectedSize: Int(header.uncompressedSize) - levelBytes)
                    try data.withUnsafeBytes { raw in
                        var body = ByteCursor(raw)
                        try decodeValues(&body, encoding: encoding, count: n, levels: levels, dictionary: dictionary,
                                         picks: pagePicks(n), into: &builder)
                    }
                    valuesRead += n
                case .other:
                    continue
                }
            } catch var issue as ParquetIssue {
                issue.page = page
                throw issue
            }
        }
    }

    /// Decodes a data page's values; with `picks` (ascending rows of the
    /// page) only those rows' values are appended, a missing one as when
    /// every row is read. `levels` is nil when no row of the page can be
    /// missing (a required column, or every level 1).
    private func decodeValues(_ body: inout ByteCursor, encoding: Int32, count: Int, levels: [UInt32]?,
                              dictionary: ParquetDictionary?, picks: [Int]?, into builder: inout ParquetColumnBuilder) throws {
        let start = builder.count
        let present = levels.map { $0.reduce(0) { $0 + Int($1) } } ?? count
        if let picks {
            // Each picked row's place among the page's present values, and its level.
            var valueIndices = picks, pickLevels: [UInt32]?
            if let levels, present < count {
                valueIndices = []
                pickLevels = []
                var presentBefore = 0, row = 0
                for pick in picks {
                    while row < pick { presentBefore += Int(levels[row]); row += 1 }
                    pickLevels!.append(levels[pick])
                    if levels[pick] != 0 { valueIndices.append(presentBefore) }
                }
            }
            try ParquetValueDecoding.decode(&body, encoding: encoding, count: present, typeLength: typeLength,
                                            dictionary: dictionary, picking: valueIndices, into: &builder)
            guard builder.count == start + valueIndices.count else {
                throw ParquetIssue("expected \(present) values in the page, found fewer")
            }
            if let pickLevels { builder.spreadNulls(from: start, levels: pickLevels) } else { builder.markPresent(picks.count) }
            return
        }
        try ParquetValueDecoding.decode(&body, encoding: encoding, count: present, typeLength: typeLength,
                                        dictionary: dictionary, into: &builder)
        guard builder.count == start + present else {
            throw ParquetIssue("expected \(present) values in the page, found \(builder.count - start)")
        }
        if let levels { builder.spreadNulls(from: start, levels: levels) } else { builder.markPresent(count) }
    }
}
