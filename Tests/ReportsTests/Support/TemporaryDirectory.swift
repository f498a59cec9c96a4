import Foundation

/// A fresh directory under the system's temporary directory, removed when the value is released.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init(_ label: String = "reports") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("collapse-\(label)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func appending(_ path: String) -> URL { url.appendingPathComponent(path) }

    deinit { try? FileManager.default.removeItem(at: url) }
}
