import Foundation

/// Tables of nouns in the format of WordNet 3.0's noun table: tab-separated
/// `lemma, hypernym, definition, examples` with the examples separated by `|`; the last two
/// columns are optional. A first line `lemma<TAB>hypernym…` is a header and skipped.
///
/// The bundled table (``bundled()``) is a subset of WordNet 3.0's nouns (Princeton University;
/// the WordNet 3.0 license, ``licenseNotice``, travels with it): whole domains (every noun with a
/// given hypernym) chosen deterministically by the FNV-1a hash of the hypernym until the file
/// reaches 1.9 MB — 21,484 nouns in 3,586 domains (`Resources/make_subset.py` rebuilds it from
/// the full table). Users give their own facts in the same format (`facts: path.tsv`).
public enum LexicalTable {
    /// The bundled WordNet subset.
    public static func bundled() -> [LexicalEntry] { Bundled.entries }

    /// The WordNet 3.0 license notice of the bundled table.
    public static var licenseNotice: String { Bundled.license }

    /// The documents of a table as real English text: every definition and every example
    /// sentence is one document, in table order (definition first, then its examples).
    public static func documents(_ entries: [LexicalEntry], definitions: Bool = true, examples: Bool = true) -> [String] {
        var result: [String] = []
        for entry in entries {
            if definitions, !entry.definition.isEmpty { result.append(entry.definition) }
            if examples { result.append(contentsOf: entry.examples) }
        }
        return result
    }

    /// The entries of the table file at `path`: a ``TextFileError`` naming the file and line when
    /// it is missing, unreadable, not UTF-8, empty, or has a line with fewer than two columns or
    /// an empty lemma or hypernym.
    public static func read(_ path: String) throws -> [LexicalEntry] {
        try parse(TextFileReader.read(path), file: path)
    }

    /// The entries of a table's text (`file` names it in errors).
    public static func parse(_ text: String, file: String) throws -> [LexicalEntry] {
        var entries: [LexicalEntry] = []
        for (number, line) in TextFileReader.lines(text) {
            if line.allSatisfy(\.isWhitespace) { continue }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            if entries.isEmpty, fields.count >= 2, fields[0].lowercased() == "lemma", fields[1].lowercased() == "hypernym" {
                continue
            }
            guard fields.count >= 2 else {
                throw TextFileError(file: file, line: number, problem: "expected tab-separated columns lemma, hypernym[, definition[, examples]], found one column")
            }
            guard fields.count <= 4 else {
                throw TextFileError(file: file, line: number, problem: "\(fields.count) columns; expected at most 4 (lemma, hypernym, definition, examples)")
            }
            guard !fields[0].isEmpty else { throw TextFileError(file: file, line: number, problem: "the lemma (column 1) is empty") }
            guard !fields[1].isEmpty else { throw TextFileError(file: file, line: number, problem: "the hypernym (column 2) is empty") }
            let examples = fields.count > 3
                ? fields[3].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                : []
            entries.append(LexicalEntry(
                lemma: fields[0], hypernym: fields[1], definition: fields.count > 2 ? fields[2] : "", examples: examples))
        }
        guard !entries.isEmpty else {
            throw TextFileError(file: file, problem: "is empty: expected tab-separated lines lemma, hypernym[, definition[, examples]]")
        }
        return entries
    }

    /// Parsed once per process.
    private enum Bundled {
        static let entries: [LexicalEntry] = {
            guard let url = Bundle.module.url(forResource: "wordnet-nouns-subset", withExtension: "tsv"),
                  let data = try? Data(contentsOf: url),
                  let text = String(data: data, encoding: .utf8),
                  let entries = try? parse(text, file: url.path)
            else { fatalError("the bundled WordNet table is missing from the Language target's resources") }
            return entries
        }()

        static let license: String = {
            guard let url = Bundle.module.url(forResource: "WORDNET-LICENSE", withExtension: "txt"),
                  let text = try? String(contentsOf: url, encoding: .utf8)
            else { fatalError("the WordNet license notice is missing from the Language target's resources") }
            return text
        }()
    }
}
