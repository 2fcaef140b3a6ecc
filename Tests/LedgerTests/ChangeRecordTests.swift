import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct ChangeRecordTests {
    static let chainKey = ChainKey(deriving: LedgerSamples.key)
    static let release = ReleaseID(namespace: "ops", name: "agent")
    static let summary = RevisionSummary(strategyType: "RollingUpdate", maxUnavailable: "1", images: ["fluent-bit:3.1"])

    static func revisionLink(_ metadata: RevisionMetadata) -> String {
        Digests.revisionLink(key: chainKey, previous: "sha256:aaaa", position: 3, release: release, number: 2,
                             contentDigest: "sha256:bbbb", metadata: metadata, summary: summary)
    }

    /// A link recorded before change records existed keeps its digest: without a record, the
    /// link covers exactly the fields it covered then, and no others.
    @Test func aLinkWithoutARecordCoversTheFieldsItAlwaysDid() {
        let metadata = LedgerSamples.metadata()
        var fields: [String: JSONValue] = [
            "namespace": "ops", "name": "agent", "number": 2, "content": "sha256:bbbb", "action": .string(metadata.action.rawValue),
            "author": .string(metadata.author), "toolVersion": .string(metadata.toolVersion),
            "createdAt": .string(Timestamp.format(metadata.createdAt)), "images": ["fluent-bit:3.1"],
            "strategyType": "RollingUpdate", "maxUnavailable": "1", "previous": "sha256:aaaa", "position": 3, "link": "revision",
        ]
        if let message = metadata.message { fields["message"] = .string(message) }
        if let source = metadata.sourceFile { fields["sourceFile"] = .string(source) }
        #expect(Self.revisionLink(metadata) == Self.chainKey.digest(of: .object(fields)))

        let event = EventDraft(release: Self.release, kind: .apply, outcome: .succeeded, revision: 2, author: "ada",
                               createdAt: Date(timeIntervalSince1970: 1_793_614_443))
        let eventFields: JSONValue = [
            "namespace": "ops", "name": "agent", "kind": "apply", "outcome": "succeeded", "author": "ada",
            "createdAt": .string(Timestamp.format(event.createdAt)), "revision": 2, "previous": "", "position": 1, "link": "event",
        ]
        #expect(Digests.eventLink(key: Self.chainKey, previous: nil, position: 1, event: event) == Self.chainKey.digest(of: eventFields))
    }

    @Test(arguments: [
        ChangeRecord(ticket: "OPS-1"), ChangeRecord(approvers: ["bob"]), ChangeRecord(emergency: "outage"),
        ChangeRecord(ticket: "OPS-1", approvers: ["bob", "carol"]),
    ])
    func everyPartOfARecordEntersTheLink(record: ChangeRecord) {
        var metadata = LedgerSamples.metadata()
        let plain = Self.revisionLink(metadata)
        metadata.change = record
        #expect(Self.revisionLink(metadata) != plain)
        var other = metadata
        other.change.approvers.append("mallory")
        #expect(Self.revisionLink(other) != Self.revisionLink(metadata))
    }

    @Test func recordsAreTrimmedAndApproversKeptOnceInOrder() {
        let record = ChangeRecord(ticket: "  OPS-1 ", approvers: [" bob", "", "carol", "bob"], emergency: "   ")
        #expect(record == ChangeRecord(ticket: "OPS-1", approvers: ["bob", "carol"]))
        #expect(ChangeRecord(ticket: " ", approvers: [" "]).isEmpty)
    }

    @Test(arguments: [
        ("Ada Lovelace <ada@example.com>", "ada@example.com", true),
        ("Ada Lovelace <ada@example.com>", "ADA LOVELACE <Ada@Example.com>", true),
        ("Ada Lovelace <ada@example.com>", "Ada <ada@example.com>", true),
        ("ada@host", " ADA@host ", true),
        ("ci-bot", "ci-bot", true),
        ("Ada Lovelace <ada@example.com>", "Ada Lovelace", false),
        ("Ada Lovelace <ada@example.com>", "bob@example.com", false),
        ("ada@host", "ada@example.com", false),
    ])
    func anApproverWhoIsTheAuthorIsSelfApproved(author: String, approver: String, selfApproved: Bool) {
        let record = ChangeRecord(ticket: "OPS-1", approvers: ["carol", approver])
        #expect(record.isSelfApproved(author: author) == selfApproved)
        #expect(record.selfApprovers(author: author) == (selfApproved ? [approver.trimmingCharacters(in: .whitespaces)] : []))
    }

    @Test func aPolicyEventStatesTheWholePolicy() {
        let event = LedgerPolicy(requireTicket: true).event(author: "ada", createdAt: Date(timeIntervalSince1970: 0))
        #expect(event.release == LedgerPolicy.release && event.kind == .policy && event.revision == nil)
        #expect(LedgerPolicy(detail: event.detail).requireTicket)
        #expect(!LedgerPolicy(detail: nil).requireTicket)
        #expect(LedgerPolicy.isLedgerChain(LedgerPolicy.release) && !LedgerPolicy.isLedgerChain(Self.release))
    }
}
