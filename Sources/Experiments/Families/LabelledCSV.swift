import Families
import Foundation

/// A user's labelled data file for the neural-network families (`data: PATH.csv`, `label-column:`):
/// numeric feature columns and one label column, in the format of ``LabelledTable`` (comma-separated,
/// an optional header, `#` comments). Every problem is a ``SpecError`` at the `data` key naming the
/// file, the line and what is wrong: a missing or unreadable file, text that is not UTF-8, an empty
/// file, a ragged row, a non-numeric or non-finite feature cell, a missing label, a label column
/// that does not exist, a single class.
public enum LabelledCSV {
    /// The data set in the file at `path` (absolute), labels from `labelColumn`.
    public static func read(_ path: String, labelColumn: LabelledTable.LabelColumn, key: String = "data") throws -> LabelledDataSet {
        let url = URL(fileURLWithPath: path)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
            let reason = !exists ? "does not exist" : isDirectory.boolValue ? "is a directory" : "cannot be read"
            throw SpecError(path: key, message: "the data file \(url.path) \(reason)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(path: key, message: "the data file \(url.path) is not UTF-8 text")
        }
        return try parse(text, file: url.path, labelColumn: labelColumn, key: key)
    }

    /// Parses the text of a data file (`file` names it in errors).
    public static func parse(_ text: String, file: String, labelColumn: LabelledTable.LabelColumn, key: String = "data") throws -> LabelledDataSet {
        do {
            return try LabelledTable.parse(text, labelColumn: labelColumn)
        } catch let error as LabelledTableError {
            let place = error.line.map { "\(file), line \($0)" } ?? file
            throw SpecError(path: key, message: "\(place): \(error.message)")
        }
    }
}
