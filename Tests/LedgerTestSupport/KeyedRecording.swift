import Foundation
import Ledger

extension Drafts {
    /// The chain key of ``key``: the store tests record and verify their links with it.
    public static let chainKey = ChainKey(deriving: key)
}

/// The store tests record and verify with ``Drafts/chainKey`` unless they say otherwise.
extension RevisionStore {
    /// Records entries as links keyed with ``Drafts/chainKey``.
    public func record(entries: [LedgerEntry]) async throws(StoreError) -> [RecordOutcome?] {
        try await record(entries: entries, chainKey: Drafts.chainKey)
    }

    /// Records drafts as links keyed with ``Drafts/chainKey``.
    public func record(_ drafts: [RevisionDraft]) async throws(StoreError) -> [RecordOutcome] {
        try await record(drafts, chainKey: Drafts.chainKey)
    }

    /// Records an event as a link keyed with ``Drafts/chainKey``.
    public func recordEvent(_ event: EventDraft) async throws(StoreError) {
        try await recordEvent(event, chainKey: Drafts.chainKey)
    }

    /// The damage verify finds with ``Drafts/chainKey``, one problem per damaged release; empty
    /// when intact (or unkeyed).
    public func verify() async throws(StoreError) -> [VerificationProblem] {
        try await verify(chainKey: Drafts.chainKey).damage
    }
}
