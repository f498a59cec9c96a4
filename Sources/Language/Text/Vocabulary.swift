/// A token's id: a compact integer index into a ``Vocabulary``.
public typealias TokenID = UInt32

/// Maps token strings to compact integer ids and back.
///
/// Three ids are reserved: ``unknown`` (`<unk>`, every token outside the vocabulary),
/// ``documentStart`` (`<s>`, the context before a document's first token; never predicted) and
/// ``documentEnd`` (`</s>`, predicted after a document's last token). Every other token has an id
/// from 3 on, in order of decreasing frequency in the text the vocabulary was built from (ties by
/// the token's text), so the same text always gives the same ids.
public struct Vocabulary: Sendable, Equatable {
    public static let unknown: TokenID = 0
    public static let documentStart: TokenID = 1
    public static let documentEnd: TokenID = 2
    public static let specialTokens = ["<unk>", "<s>", "</s>"]

    /// The token of each id.
    public private(set) var tokens: [String]
    private var ids: [String: TokenID]

    /// A vocabulary of the special tokens and `tokens`, in that order (duplicates keep their first id).
    public init(tokens: [String]) {
        self.tokens = Self.specialTokens
        self.ids = [:]
        for (i, token) in Self.specialTokens.enumerated() { ids[token] = TokenID(i) }
        for token in tokens where ids[token] == nil {
            ids[token] = TokenID(self.tokens.count)
            self.tokens.append(token)
        }
    }

    /// The vocabulary of the tokens that occur at least `minimumCount` times in `documents`
    /// (each a list of tokens), most frequent first.
    public init(documents: [[String]], minimumCount: Int = 1) {
        var counts: [String: Int] = [:]
        for document in documents {
            for token in document { counts[token, default: 0] += 1 }
        }
        let kept = counts.filter { $0.value >= minimumCount && Self.specialTokens.firstIndex(of: $0.key) == nil }
            .sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map(\.key)
        self.init(tokens: kept)
    }

    /// The number of ids, the special tokens included.
    public var count: Int { tokens.count }

    /// The id of `token`, or ``unknown``.
    public func id(of token: String) -> TokenID { ids[token] ?? Self.unknown }

    /// Whether `token` has an id of its own.
    public func contains(_ token: String) -> Bool { ids[token] != nil }

    /// The token of `id`.
    public func token(_ id: TokenID) -> String { tokens[Int(id)] }

    /// The ids of `tokens`.
    public func encode(_ tokens: [String]) -> [TokenID] { tokens.map { id(of: $0) } }

    /// The tokens of `ids` joined with `separator` (a space for words, nothing for characters).
    public func decode<C: Collection>(_ ids: C, separator: String = " ") -> String where C.Element == TokenID {
        ids.map { token($0) }.joined(separator: separator)
    }

    public static func == (lhs: Vocabulary, rhs: Vocabulary) -> Bool { lhs.tokens == rhs.tokens }
}
