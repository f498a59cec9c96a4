import Foundation

/// Specs bundled with the tool (Sources/Experiments/Presets).
public enum Presets {
    /// The names of the bundled specs.
    public static var names: [String] {
        let urls = Bundle.module.urls(forResourcesWithExtension: "yaml", subdirectory: "Presets") ?? []
        return urls.map { $0.deletingPathExtension().lastPathComponent }.sorted()
    }

    /// The text of a bundled spec.
    public static func text(named name: String) -> String? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "yaml", subdirectory: "Presets") else { return nil }
        return try? String(contentsOf: url, encoding: .utf8)
    }
}
