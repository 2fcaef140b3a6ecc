import Foundation
import Ledger
import ObjectModel
import Testing

/// What a change was tested with, as the ledger keeps it: lint findings in the revision's link
/// only when recorded, a dry run's content digest, and drift findings without values.
@Suite struct TestedWithTests {
    static let metadata = LedgerSamples.metadata()
    static let release = ReleaseID(namespace: "ops", name: "agent")
    static let key = ChainKey(deriving: LedgerSamples.key)

    static func link(_ lint: [LintRecord]?) -> String {
        var metadata = Self.metadata
        metadata.lint = lint
        return Digests.revisionLink(key: key, previous: nil, position: 1, release: release, number: 1, contentDigest: "sha256:bbbb",
                                    metadata: metadata, summary: RevisionSummary(images: ["a:1"]))
    }

    @Test func lintEntersTheLinkOnlyWhenRecorded() {
        // `nil` leaves the link as it was before lint was kept: Self.metadata has none.
        #expect(Self.link(nil) == Digests.revisionLink(key: Self.key, previous: nil, position: 1, release: Self.release, number: 1,
                                                       contentDigest: "sha256:bbbb", metadata: Self.metadata,
                                                       summary: RevisionSummary(images: ["a:1"])))
        let finding = LintRecord(rule: "pinned-image", severity: "warning", path: "spec.container.app.image.tag")
        let links = [Self.link(nil), Self.link([]), Self.link([finding]),
                     Self.link([LintRecord(rule: "pinned-image", severity: "warning", path: "spec.container.sidecars")]),
                     Self.link([finding, finding])]
        #expect(Set(links).count == links.count)
    }

    @Test func lintRecordsReadBackAndUnreadableOnesAreLeftOut() {
        let record = LintRecord(rule: "node-selector", severity: "warning", path: "spec.node_selector")
        #expect(LintRecord(json: record.json) == record)
        #expect(LintRecord.records(LintRecord.json([record, record])) == [record, record])
        #expect(LintRecord.records(.string("x")) == [])
        #expect(LintRecord.records([["rule": "a"], record.json]) == [record])
    }

    static func event(_ kind: EventKind, detail: JSONValue?) -> Event {
        Event(id: 1, draft: EventDraft(release: release, kind: kind, outcome: .succeeded, revision: nil, author: "ada",
                                       createdAt: Date(timeIntervalSince1970: 0), detail: detail))
    }

    @Test func aDryRunEventNamesItsContentDigest() {
        #expect(EventKind.dryRun.rawValue == "dry-run" && EventKind.dryRun.isKnown)
        #expect(Self.event(.dryRun, detail: ["contentDigest": "sha256:cccc", "objects": []]).dryRunContentDigest == "sha256:cccc")
        #expect(Self.event(.apply, detail: ["contentDigest": "sha256:cccc"]).dryRunContentDigest == nil)
        #expect(!EventOutcome.applied.isEmpty && Self.event(.dryRun, detail: nil).dryRunContentDigest == nil)
    }

    @Test func driftFindingsRoundTripWithoutValues() {
        let secret = DriftFinding(object: ObjectIdentity(apiVersion: "v1", kind: "Secret", namespace: "ops", name: "agent-env"),
                                  path: "data.TOKEN", change: "secretChanged", manager: "kubectl-patch", operation: "Update",
                                  time: "2026-12-04T10:00:00Z", fingerprint: "sha256:1a2b3c4d…")
        let cluster = DriftFinding(object: ObjectIdentity(apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", namespace: nil,
                                                          name: "ops:agent"), path: "", change: "removed")
        #expect(DriftFinding(json: secret.json) == secret && DriftFinding(json: cluster.json) == cluster)
        #expect(cluster.json == ["object": ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "name": "ops:agent"],
                                 "path": "", "change": "removed"])
        let many = Array(repeating: cluster, count: DriftFinding.limit + 7)
        let event = Self.event(.drift, detail: .object(DriftFinding.detail(many).merging(["items": .int(507)]) { $1 }))
        #expect(event.driftFindings.count == DriftFinding.limit && event.driftFindingsLeftOut == 7)
        let few = Self.event(.drift, detail: .object(DriftFinding.detail([secret])))
        #expect(few.driftFindings == [secret] && few.driftFindingsLeftOut == 0)
        #expect(Self.event(.drift, detail: ["items": 0, "changes": [:]]).driftFindings == [])
        #expect(Self.event(.apply, detail: .object(DriftFinding.detail([secret]))).driftFindings == [])
    }
}
