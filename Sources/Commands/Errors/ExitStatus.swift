/// The exit codes of every command, in one place: 0 success, 1 a difference found, 2 or more
/// an error. ``ErrorReport`` turns a thrown error into one of them; `--help` states them
/// (``ExitStatus/helpText``).
public enum ExitStatus: Int32, Error, Sendable, CaseIterable {
    /// The command did what it was asked, and found nothing to report.
    case success = 0
    /// The command worked and found something: lint findings, differences (as `diff` and
    /// `kubectl diff` exit 1), drift, damage, an unhealthy DaemonSet, changes a preview
    /// (`apply --diff`, `rollback --diff`) would make.
    case differencesFound = 1
    /// Bad input, a missing release or revision, a ledger or kubeconfig error, a usage error:
    /// nothing was applied.
    case error = 2
    /// The cluster refused or failed part of an apply (recorded as failed), or the DaemonSet
    /// went away while its rollout was followed.
    case applyFailed = 3
    /// The rollout did not finish within `--timeout` (recorded as timed out).
    case rolloutTimedOut = 4
    /// An apply or rollback changed the cluster, but the ledger could not record its outcome;
    /// the message says what was applied.
    case appliedNotRecorded = 5
    /// The ledger no longer holds the revision as it was recorded (an object, its digest or its
    /// link in the chain), or holds an object dsledger does not render: `regenerate` and
    /// `rollback` refused, nothing printed or applied.
    case ledgerDamaged = 6

    /// The table `dsledger --help` shows (lines kept under 80 columns, which argument-parser
    /// would otherwise wrap without indenting).
    static let helpText = """
        Exit codes:
          0  success
          1  differences found: lint findings, diff differences, drift, damage
             found by verify or ledger copy, doctor problems, changes an
             apply --diff or rollback --diff would make
          2  error: bad input, a missing release or revision, ledger, kubeconfig
             or usage errors
          3  apply, rollback: the cluster refused or failed part of the apply
             (recorded as failed)
          4  apply, rollback --wait: the rollout did not finish within --timeout
          5  apply, rollback: the cluster changed but the ledger could not record
             it (the message says what was applied)
          6  regenerate, rollback: ledger damaged, so the revision was refused
             (nothing printed or applied)
          130, 143  apply, rollback: cancelled by SIGINT or SIGTERM (recorded as
             cancelled, with what was applied)
        """
}
