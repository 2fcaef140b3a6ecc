import Dispatch
import Foundation

/// While installed, SIGINT (Ctrl-C) and SIGTERM cancel the task run through ``run(_:)`` instead
/// of killing the process, so that an apply can record that it was cancelled and what it had
/// applied. A signal that comes while nothing runs is remembered (``caught``); the process
/// exits afterwards with 128 + the signal's number, as a shell reports a process the signal
/// ended (130 for SIGINT, 143 for SIGTERM).
///
/// Only the process's own context installs it (``CommandContext/catchesSignals``): commands run
/// in-process by tests leave the test runner's signals alone.
final class SignalTrap: @unchecked Sendable {
    /// The signals trapped.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    private let lock = NSLock()
    private var sources: [any DispatchSourceSignal] = []
    private var caughtSignal: Int32?
    private var onSignal: (@Sendable () -> Void)?

    /// Installs the trap when `enabled`; otherwise it only runs tasks.
    init(enabled: Bool) {
        guard enabled else { return }
        for number in Self.signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.caught(number) }
            source.resume()
            sources.append(source)
        }
    }

    /// The first signal caught, if any.
    var caught: Int32? { lock.withLock { caughtSignal } }

    /// Runs `body` in a task that a caught signal cancels, and returns what it returned.
    func run<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T {
        let task = Task { await body() }
        let already = lock.withLock {
            onSignal = { task.cancel() }
            return caughtSignal != nil
        }
        if already { task.cancel() }
        let value = await task.value
        lock.withLock { onSignal = nil }
        return value
    }

    /// Gives SIGINT and SIGTERM back their default action.
    func remove() {
        guard !sources.isEmpty else { return }
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
        sources = []
    }

    /// `SIGINT`, `SIGTERM`.
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(number)"
        }
    }

    private func caught(_ number: Int32) {
        let handler = lock.withLock { () -> (@Sendable () -> Void)? in
            if caughtSignal == nil { caughtSignal = number }
            return onSignal
        }
        handler?()
    }
}
