import Foundation

/// A sweep directory that cannot be run into or collected.
public enum SweepError: Error, CustomStringConvertible, Equatable {
    /// The directory has no plan.json.
    case notASweep(URL)
    /// The directory holds a plan of another sweep.
    case otherSweep(URL)
    /// A point's run directory holds a run of another spec (the sweep changed since it ran).
    case pointMismatch(index: Int, directory: URL)
    case indexOutOfRange(index: Int, count: Int)
    /// Points that have no complete run directory.
    case incomplete(missing: [Int], count: Int, directory: URL)
    /// A point failed to run.
    case failed(index: Int, message: String)
    /// A stop signal ended the sweep; complete points stay, the rest run when it is run again.
    case stopped(URL)
    case io(String)

    public var description: String {
        switch self {
        case .notASweep(let url):
            return "\(url.path) is not a sweep directory (it has no plan.json); make one with collapse sweep plan SPEC --out DIR"
        case .otherSweep(let url):
            return "\(url.path) holds another sweep (its plan.json differs from this spec's points); choose another --out, or remove it"
        case .pointMismatch(let index, let url):
            return "\(url.path) (point \(index)) holds a run of another spec: the sweep changed since it ran; choose another --out, or remove that directory"
        case .indexOutOfRange(let index, let count):
            return "point index \(index) is out of range: the sweep has \(count) point\(count == 1 ? "" : "s") (0…\(count - 1))"
        case .incomplete(let missing, let count, let url):
            let shown = missing.prefix(20).map(String.init).joined(separator: ", ") + (missing.count > 20 ? ", …" : "")
            return "\(missing.count) of \(count) points in \(url.path) are not complete (\(shown)); run them with collapse sweep run SPEC --out DIR --index I"
        case .failed(let index, let message):
            return "point \(index) failed: \(message)"
        case .stopped(let url):
            return "the sweep was stopped; its complete points stay in \(url.path), and running the same command again runs the rest"
        case .io(let message):
            return message
        }
    }
}
