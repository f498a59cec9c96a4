import Foundation

/// A run directory that cannot be read: the message names the file and, where it helps, the line.
public struct RunFileError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The file at fault (or the directory, when it does not exist).
    public var file: String
    public var message: String

    public init(file: String, message: String) {
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message)" }

    static func missing(_ url: URL) -> RunFileError {
        RunFileError(file: url.path, message: "no such file")
    }
}
