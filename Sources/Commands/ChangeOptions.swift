import ArgumentParser
import Ledger

/// `--ticket` and `--approved-by`, which `render`, `apply` and `rollback` record with the change.
///
/// CI pipelines set them once through `DSLEDGER_TICKET` and `DSLEDGER_APPROVED_BY` (several
/// approvers separated by commas); a flag given on the command line wins over its variable.
struct ChangeOptions: ParsableArguments {
    @Option(help: "The change ticket this change answers (recorded with it; default $DSLEDGER_TICKET).")
    var ticket: String?

    @Option(name: .customLong("approved-by"),
            help: "Who approved the change (repeatable; default $DSLEDGER_APPROVED_BY, comma-separated).")
    var approvedBy: [String] = []

    /// The record to keep: the flags, else the environment; `emergency` as given.
    func record(in context: CommandContext, emergency: String? = nil) -> ChangeRecord {
        let environment = context.environment
        let approvers = approvedBy.isEmpty
            ? (environment["DSLEDGER_APPROVED_BY"] ?? "").split(separator: ",").map(String.init)
            : approvedBy
        return ChangeRecord(ticket: ticket ?? environment["DSLEDGER_TICKET"], approvers: approvers, emergency: emergency)
    }
}

/// `--emergency REASON`, which `apply` and `rollback` take: a change made without a ticket where
/// the ledger's policy requires one, recorded as an emergency with its reason.
struct EmergencyOption: ParsableArguments {
    @Option(help: "Make the change without a ticket although the ledger's policy requires one; the reason is recorded.")
    var emergency: String?
}

/// The ledger's `require-ticket` policy, as `apply` and `rollback` obey it.
enum TicketPolicy {
    /// Refuses (exit 2) a change without a ticket or an emergency reason when the ledger's
    /// policy requires a ticket; call it before anything is recorded or applied. A dry run
    /// changes nothing and is never refused.
    static func check(_ record: ChangeRecord, release: ReleaseID, command: String, ledger: any RevisionStore,
                      chainKey: ChainKey?, dryRun: Bool) async throws {
        guard !dryRun, record.ticket == nil, record.emergency == nil else { return }
        guard try await ledger.policy(chainKey: chainKey).policy.requireTicket else { return }
        throw ChangeRecordError.ticketRequired(release, command: command)
    }
}
