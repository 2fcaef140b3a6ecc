import Checkpoints
import Foundation
import Ledger
import Testing

/// The heads a checkpoint recorded against the ledger's heads now (no signature involved).
@Suite struct CheckpointCheckTests {
    static let agent = CheckpointTests.agent
    static let recorded = ChainHead(release: agent, position: 5, digest: "d5", revisions: 2, events: 3)
    static let links = [1: "d1", 2: "d2", 3: "d3", 4: "d4", 5: "d5", 6: "d6", 7: "d7"]

    static func findings(_ now: [ChainHead], links: [Int: String] = links, ledgerKeyID: String? = "key-id") -> [CheckpointFinding] {
        let checkpoint = Checkpoint(createdAt: CheckpointTests.time, ledgerKeyID: "key-id", heads: [recorded])
        return CheckpointCheck.findings(checkpoint, publicKey: nil, ledgerKeyID: ledgerKeyID, heads: now) { release, position in
            release == agent ? links[position] : nil
        }.filter(\.isFailure).filter { $0 != .unsigned }
    }

    @Test func theSameHeadIsExtended() {
        #expect(Self.findings([Self.recorded]) == [])
    }

    @Test func aLedgerThatGrewExtendsTheCheckpoint() {
        let grown = ChainHead(release: Self.agent, position: 7, digest: "d7", revisions: 3, events: 4)
        let added = ChainHead(release: ReleaseID(namespace: "new", name: "release"), position: 1, digest: "n1", revisions: 1, events: 0)
        #expect(Self.findings([grown, added]) == [])
    }

    @Test func aDeletedReleaseIsNamed() {
        let findings = Self.findings([])
        #expect(findings == [.releaseDeleted(Self.agent)])
        #expect(findings[0].release == Self.agent)
        #expect(findings[0].description == "agents/agent: deleted: the release is in the checkpoint but no longer in the ledger")
    }

    @Test(arguments: [
        ChainHead(release: agent, position: 4, digest: "d4", revisions: 2, events: 2),
        ChainHead(release: agent, position: 6, digest: "d6", revisions: 1, events: 5),
        ChainHead(release: agent, position: 6, digest: "d6", revisions: 4, events: 2),
    ])
    func fewerLinksRevisionsOrEventsAreTruncation(now: ChainHead) {
        let findings = Self.findings([now])
        #expect(findings == [.truncated(checkpoint: Self.recorded, ledger: now)])
        #expect(findings.first?.description.hasPrefix("agents/agent: truncated: the checkpoint holds 5 links (2 revisions, 3 events)") == true)
    }

    @Test func anotherDigestAtTheHeadIsARewrite() {
        let now = ChainHead(release: Self.agent, position: 5, digest: "x5", revisions: 2, events: 3)
        #expect(Self.findings([now]) == [.rewritten(checkpoint: Self.recorded, found: "x5")])
    }

    @Test func anotherDigestAtTheCheckpointsPositionBeforeTheHeadIsARewrite() {
        let now = ChainHead(release: Self.agent, position: 7, digest: "d7", revisions: 3, events: 4)
        var links = Self.links
        links[5] = "x5"
        let findings = Self.findings([now], links: links)
        #expect(findings == [.rewritten(checkpoint: Self.recorded, found: "x5")])
        #expect(findings[0].description == "agents/agent: rewritten: link 5 has digest x5, the checkpoint says d5")
    }

    @Test func aMissingLinkAtTheCheckpointsPositionIsARewrite() {
        let now = ChainHead(release: Self.agent, position: 7, digest: "d7", revisions: 3, events: 4)
        var links = Self.links
        links[5] = nil
        #expect(Self.findings([now], links: links) == [.rewritten(checkpoint: Self.recorded, found: nil)])
    }

    @Test func aCheckpointOfAnotherLedgerKeyIsSaid() {
        #expect(Self.findings([Self.recorded], ledgerKeyID: "other") == [.otherLedgerKey(checkpoint: "key-id", ledger: "other")])
    }
}
