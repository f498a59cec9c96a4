/// Splits text into tokens: words with punctuation split off, or single characters.
///
/// Word level: a word is a maximal run of letters and digits, which may contain an apostrophe
/// (`'` or `’`) or a hyphen between two letters or digits ("don't", "well-known"); every other
/// character that is not white space is a token of its own ("(", ",", "."); white space separates
/// tokens and is dropped. Character level: every Unicode scalar is a token, and each run of white
/// space becomes one `" "` token (none at the ends). With `lowercase`, tokens are lower-cased.
///
/// - Complexity: O(length of the text).
public struct Tokenizer: Sendable, Equatable, Hashable {
    public enum Level: String, Sendable, CaseIterable {
        case word
        case character
    }

    public var level: Level
    public var lowercase: Bool

    public init(level: Level = .word, lowercase: Bool = true) {
        self.level = level
        self.lowercase = lowercase
    }

    /// The tokens of `text`.
    public func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        tokenize(text) { tokens.append($0) }
        return tokens
    }

    /// Calls `body` with each token of `text` in order.
    public func tokenize(_ text: String, _ body: (String) -> Void) {
        let source = lowercase ? text.lowercased() : text
        let scalars = Array(source.unicodeScalars)
        switch level {
        case .word: words(scalars, body)
        case .character: characters(scalars, body)
        }
    }

    private func words(_ scalars: [Unicode.Scalar], _ body: (String) -> Void) {
        var i = 0
        let n = scalars.count
        while i < n {
            let scalar = scalars[i]
            if Self.isSpace(scalar) {
                i += 1
            } else if Self.isWordScalar(scalar) {
                var view = String.UnicodeScalarView()
                view.append(scalar)
                i += 1
                while i < n {
                    let next = scalars[i]
                    if Self.isWordScalar(next) {
                        view.append(next)
                        i += 1
                    } else if Self.isJoiner(next), i + 1 < n, Self.isWordScalar(scalars[i + 1]) {
                        view.append(next)
                        view.append(scalars[i + 1])
                        i += 2
                    } else {
                        break
                    }
                }
                body(String(view))
            } else {
                body(String(Character(scalar)))
                i += 1
            }
        }
    }

    private func characters(_ scalars: [Unicode.Scalar], _ body: (String) -> Void) {
        var pendingSpace = false
        var emitted = false
        for scalar in scalars {
            if Self.isSpace(scalar) {
                pendingSpace = emitted
                continue
            }
            if pendingSpace { body(" ") }
            pendingSpace = false
            body(String(Character(scalar)))
            emitted = true
        }
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isWhitespace }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let v = scalar.value
            return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    static func isJoiner(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "\u{2019}" || scalar == "-"
    }
}
