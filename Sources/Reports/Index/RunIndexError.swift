/// A run that the index cannot find.
public enum RunIndexError: Error, Equatable, CustomStringConvertible {
    case notFound(query: String, indexPath: String)

    public var description: String {
        switch self {
        case .notFound(let query, let indexPath):
            "no run matches \"\(query)\" in \(indexPath) (give an id, a name or its prefix, or a run directory; `collapse runs list` shows the runs)"
        }
    }
}
