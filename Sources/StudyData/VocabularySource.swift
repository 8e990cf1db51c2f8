import Foundation

/// The study's shared-vocabulary files (manifest `vocabulary`): the strings
/// that the Gemma and Llama tokenizers share (`token_intersection.csv`) and
/// the expanded Big Two dictionary (every part of speech). They say what the
/// §3 noun set and the §4 "Big Two words" are, without any log-prob table.
public struct VocabularySource: Codable, Equatable, Sendable {
    /// CSV with a `token_decoded` column; relative to the content folder.
    public var tokenIntersection: String
    /// CSV with `DicTerm`, `Agency`, `Communion` (X / NA); relative to the content folder.
    public var expandedDictionary: String
    /// The manifest dictionary whose words are the §3 nouns (`big2`).
    public var nouns: String

    public init(tokenIntersection: String, expandedDictionary: String, nouns: String) {
        self.tokenIntersection = tokenIntersection; self.expandedDictionary = expandedDictionary; self.nouns = nouns
    }

    enum CodingKeys: String, CodingKey {
        case tokenIntersection = "token_intersection"
        case expandedDictionary = "expanded_dictionary"
        case nouns
    }
}

/// The two files, read.
public struct LoadedVocabulary: Sendable {
    /// Every `token_decoded` of the intersection file, in file order (may hold
    /// an empty string and `\xHH` text for invalid UTF-8).
    public var tokens: [String]
    /// Expanded dictionary word (lower-cased) → its categories (a word can be in both).
    public var expandedWords: [String: [String]]
    public var nouns: String
    public var inputs: [InputFileRecord]
}

public enum VocabularyLoader {
    /// Only the columns used are decoded (the intersection file's row
    /// numbers are never turned into text).
    public static func load(_ source: VocabularySource, folder: ContentFolder) throws -> LoadedVocabulary {
        let (tokensTable, tokensInput) = try StudyLoader.readCSVTable(source.tokenIntersection, field: "vocabulary.token_intersection", folder: folder,
                                                                      role: "strings shared by the Gemma and Llama vocabularies")
        let column = try tokensTable.columnIndex("token_decoded")
        let (dictTable, dictInput) = try StudyLoader.readCSVTable(source.expandedDictionary, field: "vocabulary.expanded_dictionary", folder: folder,
                                                                  role: "dictionary: Big Two, every part of speech")
        let term = try dictTable.columnIndex("DicTerm")
        let categories = try ["Agency", "Communion"].map { ($0, try dictTable.columnIndex($0)) }
        var words: [String: [String]] = [:]
        for record in 0..<dictTable.recordCount {
            let word = dictTable.text(record, term).lowercased()
            for (name, index) in categories where dictTable.text(record, index) == "X" && words[word]?.contains(name) != true {
                words[word, default: []].append(name)
            }
        }
        return LoadedVocabulary(tokens: (0..<tokensTable.recordCount).map { tokensTable.text($0, column) }, expandedWords: words,
                                nouns: source.nouns, inputs: [tokensInput, dictInput])
    }
}
