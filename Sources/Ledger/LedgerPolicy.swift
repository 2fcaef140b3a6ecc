import Foundation
import ObjectModel

/// The rules every writer of a ledger obeys, kept in the ledger itself so that one runner
/// cannot skip them by configuration.
///
/// A policy is not a setting row: it is the latest `policy` event of the ledger's own chain,
/// the release ``release`` (`dsledger.io/policy`: a namespace with a dot is never a Kubernetes
/// namespace, so it names no DaemonSet). Each change is a keyed link like every revision and
/// event, recorded with who set it and when, carrying the whole policy; so turning a policy off
/// takes the ledger key (someone who can only write the database would break the link, and
/// `verify` says so), and deleting the latest change is a truncation that signed checkpoints catch.
public struct LedgerPolicy: Sendable, Hashable {
    /// `require-ticket`: an `apply` or `rollback` without a ticket is refused unless it is
    /// declared an emergency.
    public var requireTicket: Bool

    public init(requireTicket: Bool = false) {
        self.requireTicket = requireTicket
    }

    /// The release whose chain holds the ledger's policy changes.
    public static let release = ReleaseID(namespace: "dsledger.io", name: "policy")

    /// True for the ledger's own chains, which hold no DaemonSet (``release``).
    public static func isLedgerChain(_ release: ReleaseID) -> Bool { release.namespace == Self.release.namespace }

    /// The names of the policies, as `policy set NAME VALUE` takes them.
    public enum Name: String, Sendable, CaseIterable {
        case requireTicket = "require-ticket"
    }

    /// The policy as a `policy` event's detail: every policy by name.
    public var detail: JSONValue { [Name.requireTicket.rawValue: .bool(requireTicket)] }

    /// The policy an event's detail states (a policy it does not name keeps its default).
    public init(detail: JSONValue?) {
        self.init(requireTicket: detail?[Name.requireTicket.rawValue]?.boolValue ?? false)
    }

    /// The event that records this policy, set by `author` at `createdAt`.
    public func event(author: String, createdAt: Date) -> EventDraft {
        EventDraft(release: Self.release, kind: .policy, outcome: .recorded, revision: nil, author: author,
                   createdAt: createdAt, detail: detail)
    }
}

/// The ledger's current policy and the event that set it (`nil` when none ever was).
public struct PolicyState: Sendable, Hashable {
    public var policy: LedgerPolicy
    public var setBy: Event?
}

extension RevisionStore {
    /// The ledger's policy: the latest `policy` event of ``LedgerPolicy/release``, its keyed
    /// link checked against the link before it; the defaults when no policy was ever set.
    ///
    /// - Parameter chainKey: the ledger's chain key; `nil` skips the check (reading only).
    /// - Throws: ``PolicyDamage`` when the event is no genuine link; `StoreError` when the
    ///   store cannot be read.
    public func policy(chainKey: ChainKey?) async throws -> PolicyState {
        guard let event = try await events(of: LedgerPolicy.release, kinds: [.policy], limit: 1).first else {
            return PolicyState(policy: LedgerPolicy(), setBy: nil)
        }
        if let chainKey {
            let damage = PolicyDamage(event: event.id)
            guard let position = event.position, let digest = event.chainDigest else { throw damage }
            // linkDigest gives the hex alone; a link's previous is written `sha256:<hex>`.
            let previous = position > 1 ? try await linkDigest(of: LedgerPolicy.release, at: position - 1).map { "sha256:" + $0 } : nil
            guard position == 1 || previous != nil,
                  Digests.eventLink(key: chainKey, previous: previous, position: position, event: event.draft) == digest
            else { throw damage }
        }
        return PolicyState(policy: LedgerPolicy(detail: event.draft.detail), setBy: event)
    }
}

/// The ledger's latest policy change is no genuine link: someone wrote the database without
/// the ledger key, so no policy read from it can be trusted.
public struct PolicyDamage: Error, Sendable, Hashable, CustomStringConvertible {
    /// The event's row id.
    public var event: Int64

    public var description: String {
        "error: ledger damaged: \(LedgerPolicy.release): the latest policy change (event \(event)) is not a genuine link of the "
            + "ledger's chain; refusing to guess the policy — run 'dsledger verify'"
    }
}
