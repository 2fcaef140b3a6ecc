import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct RevisionOriginTests {
    static let release = ReleaseID(namespace: "ops", name: "agent")

    static func chain(_ metadata: RevisionMetadata) -> String {
        Digests.chain(previous: "sha256:aaaa", release: release, number: 2, contentDigest: "sha256:bbbb",
                      metadata: metadata, summary: RevisionSummary(images: ["agent:1"]))
    }

    /// The same fields the chain covered before schema 3, in the same canonical form.
    @Test func aRevisionWithoutOriginKeepsTheChainDigestItHadBeforeSchema3() {
        let metadata = LedgerSamples.metadata()
        let before: JSONValue = [
            "previous": "sha256:aaaa", "namespace": "ops", "name": "agent", "number": 2, "content": "sha256:bbbb",
            "action": "render", "author": "ada <ada@example.com>", "toolVersion": "0.1.0",
            "createdAt": .string(Timestamp.format(metadata.createdAt)), "message": "first", "sourceFile": "agent.yaml",
            "images": ["agent:1"],
        ]
        #expect(Self.chain(metadata) == before.contentDigest)
    }

    @Test func originAndPartialEnterTheChainWhenSet() {
        var metadata = LedgerSamples.metadata()
        let plain = Self.chain(metadata)
        metadata.origin = "git:abc"
        let withOrigin = Self.chain(metadata)
        metadata.partial = true
        let partial = Self.chain(metadata)
        #expect(Set([plain, withOrigin, partial]).count == 3)
        metadata.origin = "git:abd"
        #expect(Self.chain(metadata) != partial)
    }

    @Test(arguments: [
        ("git:0123456789abcdef", RevisionOrigin.git(commit: "0123456789abcdef"), "git 0123456"),
        ("cluster:agent-5d8f7c", RevisionOrigin.cluster(controllerRevision: "agent-5d8f7c"), "cluster agent-5d8f7c"),
    ])
    func originsParseAndPrintShort(stored: String, origin: RevisionOrigin, shown: String) {
        #expect(RevisionOrigin(stored) == origin)
        #expect(origin.stored == stored)
        #expect(origin.description == shown)
    }

    @Test func otherTextIsNoOrigin() {
        #expect(RevisionOrigin("svn:42") == nil)
    }
}
