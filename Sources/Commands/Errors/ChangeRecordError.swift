import Ledger

/// A change refused for what its record lacks.
struct ChangeRecordError: ReportableError, Equatable {
    /// The release the refused change was for.
    var release: ReleaseID
    /// The command refused: `apply` or `rollback`.
    var command: String

    /// An `apply` or `rollback` without a ticket in a ledger whose policy `require-ticket` is on.
    static func ticketRequired(_ release: ReleaseID, command: String) -> ChangeRecordError {
        ChangeRecordError(release: release, command: command)
    }

    var description: String {
        ErrorReport.line("\(command) of \(release) refused: the ledger's policy '\(LedgerPolicy.Name.requireTicket.rawValue)' is on and no "
                         + "ticket was given; give --ticket ID (or DSLEDGER_TICKET), or --emergency REASON for an emergency change "
                         + "(recorded as such); nothing was recorded or applied")
    }
}
