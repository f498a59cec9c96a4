import Foundation

/// A problem with a user's text or facts file, naming the file (and the line, where there is one).
public struct TextFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var problem: String

    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        if let line { return "\(file), line \(line): \(problem)" }
        return "\(file): \(problem)"
    }
}

/// Reads a whole file as UTF-8 text, with errors that say what is wrong.
enum TextFileReader {
    /// The text of the file at `path`: a ``TextFileError`` if it does not exist, is a directory,
    /// cannot be read, or is not valid UTF-8 (naming the first bad line). A UTF-8 byte-order mark
    /// is dropped.
    static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw TextFileError(file: path, problem: "does not exist")
        }
        if isDirectory.boolValue { throw TextFileError(file: path, problem: "is a directory, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TextFileError(file: path, problem: "cannot be read (permissions?)")
        }
        return try decode(data, file: path)
    }

    static func decode(_ data: Data, file: String) throws -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        var line = 1
        for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
            if String(validating: piece, as: UTF8.self) == nil {
                throw TextFileError(file: file, line: line, problem: "is not valid UTF-8 text")
            }
            line += 1
        }
        throw TextFileError(file: file, problem: "is not valid UTF-8 text")
    }

    /// The lines of `text` (LF or CRLF), each with its 1-based number.
    static func lines(_ text: String) -> [(number: Int, text: Substring)] {
        var result: [(Int, Substring)] = []
        var number = 0
        // "\r\n" is one Character in Swift, and a newline like "\n".
        for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            result.append((number, line))
        }
        return result
    }
}
