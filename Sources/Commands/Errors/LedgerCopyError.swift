import Ledger

/// Why `dsledger ledger copy` refused to merge two ledgers: a closed set. Each message says
/// what was (not) copied.
enum LedgerCopyError: ReportableError, Equatable {
    /// The two ledgers were recorded with different HMAC keys (`nil`: the key file is not known).
    case keysDiffer(source: String, sourceKeyFile: String?, destination: String, destinationKeyFile: String?)
    /// The source holds revisions but not the id of its key, and no `--from-key-file` names it.
    case unknownSourceKey(source: String, destination: String)
    /// A release's revision `number` differs between the two ledgers.
    case revisionsDiffer(ReleaseID, source: String, destination: String, number: Int)
    /// The destination holds more revisions of a release than the source.
    case destinationAhead(ReleaseID, source: String, destination: String)
    /// A source revision that does not match its content digest (copying stopped there).
    case damagedRevision(ReleaseID, source: String, number: Int)
    /// Neither key file could be read: the copy needs the ledger key to continue each chain.
    case keyNeeded(source: String, destination: String)

    var description: String {
        switch self {
        case .keysDiffer(let source, let sourceKeyFile, let destination, let destinationKeyFile):
            return ErrorReport.line("\(source) was recorded with the HMAC key \(sourceKeyFile ?? "of another ledger"), "
                + "\(destination) with \(destinationKeyFile ?? "another key"); their secret hashes and sealed markers "
                + "cannot be carried over without the secret values, so nothing was copied")
        case .unknownSourceKey(let source, let destination):
            return ErrorReport.line("\(source) does not record which HMAC key it was recorded with; "
                + "name it with --from-key-file so it can be checked against \(destination)'s")
        case .revisionsDiffer(let release, let source, let destination, let number):
            return ErrorReport.line("\(release) has different revisions in \(source) and \(destination) (revision \(number) differs); nothing was copied")
        case .destinationAhead(let release, let source, let destination):
            return ErrorReport.line("\(release) has more revisions in \(destination) than in \(source); nothing was copied")
        case .damagedRevision(let release, let source, let number):
            return ErrorReport.line("\(source): \(release) revision \(number) does not match its content digest; "
                + "run dsledger verify on it; nothing more was copied")
        case .keyNeeded(let source, let destination):
            return ErrorReport.line("copying \(source) into \(destination) needs the ledger's HMAC key, to continue each release's "
                + "chain of keyed links; name it with --from-key-file or --to-key-file (or DSLEDGER_HMAC_KEY_FILE); nothing was copied")
        }
    }
}
