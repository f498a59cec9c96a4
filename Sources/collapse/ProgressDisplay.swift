import Foundation
import ModelCollapse
import Synchronization

/// Progress on stderr: a bar redrawn in place on a terminal, a line every few seconds otherwise.
final class ProgressDisplay: ProgressObserver, Sendable {
    private struct State {
        var lastPrint = Date.distantPast
        var drewBar = false
    }

    private let label: String
    private let started = Date()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private let state = Mutex(State())

    init(label: String) { self.label = label }

    func replicatesCompleted(_ completed: Int, of total: Int) {
        let now = Date()
        state.withLock { state in
            let interval: TimeInterval = isTerminal ? 0.1 : 5
            guard completed == total || now.timeIntervalSince(state.lastPrint) >= interval else { return }
            state.lastPrint = now
            let fraction = Double(completed) / Double(max(total, 1))
            let elapsed = now.timeIntervalSince(started)
            let remaining = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0
            if isTerminal {
                let width = 30
                let filled = Int((fraction * Double(width)).rounded(.down))
                let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
                let line = String(format: "\r%@ [%@] %d/%d replicates  %.1fs, ~%.0fs left ", label, bar, completed, total, elapsed, remaining)
                FileHandle.standardError.write(Data(line.utf8))
                state.drewBar = true
            } else {
                let line = String(format: "%@: %d/%d replicates (%.0f%%), %.1fs elapsed\n", label, completed, total, 100 * fraction, elapsed)
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
    }

    /// Ends the bar's line.
    func finish() {
        state.withLock { state in
            if state.drewBar {
                FileHandle.standardError.write(Data("\n".utf8))
                state.drewBar = false
            }
        }
    }
}
