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
    public static func load(_ source: VocabularySource, folder: ContentFolder) throws -> LoadedVocabulary {
        let (tokensDoc, tokensInput) = try StudyLoader.readCSV(source.tokenIntersection, field: "vocabulary.token_intersection", folder: folder,
                                                               role: "strings shared by the Gemma and Llama vocabularies")
        let column = try tokensDoc.columnIndex("token_decoded")
        let (dictDoc, dictInput) = try StudyLoader.readCSV(source.expandedDictionary, field: "vocabulary.expanded_dictionary", folder: folder,
                                                           role: "dictionary: Big Two, every part of speech")
        let term = try dictDoc.columnIndex("DicTerm")
        let categories = try ["Agency", "Communion"].map { ($0, try dictDoc.columnIndex($0)) }
        var words: [String: [String]] = [:]
        for record in dictDoc.records {
            let word = record.fields[term].lowercased()
            for (name, index) in categories where record.fields[index] == "X" && words[word]?.contains(name) != true {
                words[word, default: []].append(name)
            }
        }
        return LoadedVocabulary(tokens: tokensDoc.records.map { $0.fields[column] }, expandedWords: words,
                                nouns: source.nouns, inputs: [tokensInput, dictInput])
    }
}
