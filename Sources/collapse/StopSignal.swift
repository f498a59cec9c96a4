import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM stop a run cleanly: the first one sets a flag the simulation polls at the
/// next generation boundary (a checkpoint is written and the run can be resumed); a second one
/// ends the process at once (the last checkpoint stays usable).
final class StopSignal: Sendable {
    static let shared = StopSignal()

    private let received = Atomic<Int32>(0)
    private let sources = Mutex<[DispatchSourceSignal]>([])

    /// The signal that asked to stop, or 0.
    var signal: Int32 { received.load(ordering: .relaxed) }
    var isSet: Bool { signal != 0 }

    /// Installs the handlers (once).
    func install() {
        sources.withLock { sources in
            guard sources.isEmpty else { return }
            for number in [SIGINT, SIGTERM] {
                Foundation.signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
                source.setEventHandler { [self] in
                    let (exchanged, _) = received.compareExchange(expected: 0, desired: number, ordering: .relaxed)
                    if exchanged {
                        FileHandle.standardError.write(Data("\nstopping at the next generation boundary (again to abort)…\n".utf8))
                    } else {
                        FileHandle.standardError.write(Data("\naborted; the last checkpoint can still be resumed\n".utf8))
                        exit(128 + number)
                    }
                }
                source.resume()
                sources.append(source)
            }
        }
    }
}
