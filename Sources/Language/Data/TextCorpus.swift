/// A user's corpus: a UTF-8 text file with one document per line.
///
/// Blank lines (white space only) are skipped; every other line, trimmed, is a document. A file
/// without any document, an unreadable file or one that is not UTF-8 is a ``TextFileError``.
public enum TextCorpus {
    /// The documents of the file at `path`.
    public static func read(_ path: String) throws -> [String] {
        try parse(TextFileReader.read(path), file: path)
    }

    /// The documents of `text` (`file` names it in errors).
    public static func parse(_ text: String, file: String) throws -> [String] {
        var documents: [String] = []
        for (_, line) in TextFileReader.lines(text) {
            let document = line.trimmingCharacters(in: .whitespaces)
            if !document.isEmpty { documents.append(document) }
        }
        guard !documents.isEmpty else {
            throw TextFileError(file: file, problem: "is empty: expected one document per line")
        }
        return documents
    }
}
