import Foundation

/// A word list that maps each word to one category (Agency/Communion, or a
/// moral foundation). Analyses only need "which category is this answer in",
/// so both dictionary formats load into this one shape.
public struct CategoryDictionary: Sendable {
    public var id: String
    public var path: String
    /// Categories in alphabetical order: the first is the reference level of the mixed model.
    public var categories: [String]
    public var categoryOfWord: [String: String]

    public var wordCount: Int { categoryOfWord.count }

    /// The category of an answer spelled exactly as a dictionary word, byte
    /// for byte. `categoryOfWord[answer]` alone would also accept a
    /// canonically equivalent spelling (Swift's `==`: "é" as e + U+0301, the
    /// Kelvin sign for K), which the study's R and pandas code would not.
    public func category(ofExactly answer: String) -> String? {
        guard let index = categoryOfWord.index(forKey: answer) else { return nil }
        let (word, category) = categoryOfWord[index]
        return TokenIndex.sameBytes(word, answer) ? category : nil
    }

    public func wordCount(in category: String) -> Int {
        categoryOfWord.values.reduce(0) { $0 + ($1 == category ? 1 : 0) }
    }
}

/// Which MFD2 columns define a foundation's words (`--mfd-columns`).
///
/// The paper says it analyses virtue words; the study's script takes a
/// positional column range that mixes in four vice columns. Both are offered
/// so the published numbers and the described analysis can be compared.
public enum MFDColumns: String, Codable, CaseIterable, Sendable {
    /// Only `<Foundation>_Virtue` columns: what the paper says it analyses.
    case virtue
    /// The study script's positional range `Care_Virtue … Sanctity_Virtue`,
    /// which takes four `_Vice` columns too and drops `Sanctity_Vice`.
    case script

    /// The rule a build did not choose (shown beside the chosen one).
    public var other: MFDColumns { self == .virtue ? .script : .virtue }
}

public enum DictionaryLoader {
    /// Loads a dictionary as the manifest describes it.
    public static func load(_ source: DictionarySource, folder: ContentFolder, mfdRule: MFDColumns) throws -> CategoryDictionary {
        let url = try folder.resolve(source.file, manifestField: "dictionaries.\(source.id).file")
        let display = folder.displayPath(source.file)
        return try from(CSVReader.read(url: url, displayPath: display), source: source, mfdRule: mfdRule)
    }

    /// Builds a dictionary from an already parsed file (the loader reads each file once).
    public static func from(_ doc: CSVDocument, source: DictionarySource, mfdRule: MFDColumns) throws -> CategoryDictionary {
        switch source.format {
        case .categoryWord: return try categoryWord(doc, id: source.id, allowed: source.categories)
        case .mfd2: return try mfd2(doc, id: source.id, rule: mfdRule)
        }
    }

    /// `Category,token_decoded` rows. A word listed under two categories is an
    /// error: the analysis would not know which category it belongs to.
    /// With `allowed` (the manifest's `categories`), every category must be one of them.
    static func categoryWord(_ doc: CSVDocument, id: String, allowed: [String]? = nil) throws -> CategoryDictionary {
        let cat = try doc.columnIndex("Category")
        let word = try doc.columnIndex("token_decoded")
        var map: [String: String] = [:]
        for r in doc.records {
            let w = r.fields[word], c = r.fields[cat]
            if c.isEmpty {
                throw DataError(path: doc.path, line: r.line, column: cat + 1, message: "expected a category name, found an empty field")
            }
            if w.isEmpty {
                throw DataError(path: doc.path, line: r.line, column: word + 1, message: "expected a word, found an empty field")
            }
            if let allowed, !allowed.contains(c) {
                throw DataError(path: doc.path, line: r.line, column: cat + 1,
                                message: "expected one of the categories study.yaml lists for \(id) (\(allowed.joined(separator: ", "))), found \(quotedForMessage(c)); "
                                + "fix the spelling, or add the category to dictionaries.\(id).categories in study.yaml")
            }
            if let old = map[w], old != c {
                throw DataError(path: doc.path, line: r.line, column: word + 1,
                                message: "expected each word in one category, found \(quotedForMessage(w)) in \(old) and \(c)")
            }
            map[w] = c
        }
        return CategoryDictionary(id: id, path: doc.path, categories: Set(map.values).sorted(), categoryOfWord: map)
    }

    /// MFD2 `.dicx`: membership is an `X` in a `<Foundation>_Virtue|_Vice` column.
    static func mfd2(_ doc: CSVDocument, id: String, rule: MFDColumns) throws -> CategoryDictionary {
        let term = try doc.columnIndex("DicTerm")
        let selected: [Int]
        switch rule {
        case .virtue:
            selected = doc.header.indices.filter { doc.header[$0].hasSuffix("_Virtue") }
        case .script:
            let from = try doc.columnIndex("Care_Virtue")
            let to = try doc.columnIndex("Sanctity_Virtue")
            guard from <= to else {
                throw DataError(path: doc.path, line: 1, message: "expected Care_Virtue before Sanctity_Virtue (the study script takes the columns between them)")
            }
            selected = Array(from...to)
        }
        if selected.isEmpty {
            throw DataError(path: doc.path, line: 1, message: "expected columns named <Foundation>_Virtue")
        }
        func foundation(_ column: Int) -> String {
            let name = doc.header[column]
            guard let underscore = name.lastIndex(of: "_") else { return name }
            return String(name[..<underscore])
        }
        var map: [String: String] = [:]
        for r in doc.records {
            let w = r.fields[term]
            if w.isEmpty, selected.contains(where: { !r.fields[$0].trimmingCharacters(in: .whitespaces).isEmpty }) {
                throw DataError(path: doc.path, line: r.line, column: term + 1, message: "expected a word, found an empty field")
            }
            for c in selected {
                // The file's marks are "X" or empty, which trimming leaves as
                // they are; only other text goes through Foundation's (slow) trimming.
                let field = r.fields[c]
                let mark = field.isEmpty || field == "X" || field == "x" ? field : field.trimmingCharacters(in: .whitespaces)
                if mark.isEmpty { continue }
                guard mark == "X" || mark == "x" else {
                    throw DataError(path: doc.path, line: r.line, column: c + 1, message: "expected \"X\" or an empty field, found \(quotedForMessage(r.fields[c]))")
                }
                let f = foundation(c)
                if let old = map[w], old != f {
                    throw DataError(path: doc.path, line: r.line, column: c + 1,
                                    message: "expected each word in one foundation, found \(quotedForMessage(w)) in \(old) and \(f)")
                }
                map[w] = f
            }
        }
        return CategoryDictionary(id: id, path: doc.path, categories: Set(map.values).sorted(), categoryOfWord: map)
    }
}
