/// How long a store waits for another writer to let go of the ledger's write lock (SQLite's busy
/// timeout, PostgreSQL's `lock_timeout`) before it fails with ``StoreError/locked(location:waited:)``.
public enum LockTimeout {
    /// The wait when none is given: 30 seconds, long enough for any other command's write.
    public static let ledgerDefault: Duration = .seconds(30)

    /// Whole milliseconds of `duration` (at least 0).
    public static func milliseconds(_ duration: Duration) -> Int64 {
        max(0, duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000)
    }

    /// `duration` as `--lock-timeout` takes it: `30s`, `1500ms`.
    public static func text(_ duration: Duration) -> String {
        let total = milliseconds(duration)
        return total % 1000 == 0 ? "\(total / 1000)s" : "\(total)ms"
    }
}
