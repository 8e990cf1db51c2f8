/// A manifest field that takes one of a fixed set of words (a prompt's
/// framing, a dictionary's format, a model's type). Decoding a value outside
/// the set says which words are accepted, instead of the standard library's
/// "Cannot initialize … from invalid String value".
public protocol ManifestChoice: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension ManifestChoice {
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let word = try container.decode(String.self)
        guard let value = Self(rawValue: word) else {
            let accepted = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected one of \(accepted), found \(quotedForMessage(word))")
        }
        self = value
    }
}

extension Framing: ManifestChoice {}
extension DictionaryFormat: ManifestChoice {}
extension LanguageModelType: ManifestChoice {}
extension ClaimCheck.Kind: ManifestChoice {}
