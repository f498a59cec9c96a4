import Foundation

/// Specs bundled with the tool (Sources/Experiments/Presets).
public enum Presets {
    /// The names of the bundled specs.
    public static var names: [String] {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Presets"),
              let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return files.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The text of a bundled spec.
    public static func text(named name: String) -> String? {
        guard let url = Bundle.module.resourceURL?.appendingPathComponent("Presets/\(name).yaml") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
