import Checkpoints
import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct CheckpointTests {
    static let agent = ReleaseID(namespace: "agents", name: "agent")
    static let exporter = ReleaseID(namespace: "monitoring", name: "node-exporter")
    static let heads = [
        ChainHead(release: exporter, position: 7, digest: String(repeating: "b", count: 64), revisions: 3, events: 4),
        ChainHead(release: agent, position: 5, digest: String(repeating: "a", count: 64), revisions: 2, events: 3),
    ]
    static let time = Date(timeIntervalSince1970: 1_796_000_000)

    static func signed(_ heads: [ChainHead] = heads, keyFile: String) throws -> Checkpoint {
        Checkpoint(createdAt: time, ledgerKeyID: "key-id", heads: heads).signed(with: try CheckpointSigningKey.load(file: keyFile))
    }

    @Test func roundTripsThroughItsTextAndVerifies() throws {
        let (privateKey, publicKey) = try OpenSSLKeys.ed25519()
        let checkpoint = try Self.signed(keyFile: privateKey)
        let read = try Checkpoint(parsing: checkpoint.text)
        #expect(read == checkpoint)
        #expect(read.heads.map(\.release) == [Self.agent, Self.exporter])
        #expect(read.ledgerKeyID == "key-id" && Timestamp.parse(read.createdAt) == Self.time)
        #expect(read.signature?.algorithm == "ed25519")
        let findings = CheckpointCheck.findings(read, publicKey: try CheckpointPublicKey.load(file: publicKey), ledgerKeyID: "key-id",
                                                heads: Self.heads, linkDigest: { _, _ in nil })
        #expect(findings == [])
    }

    @Test func theSignatureCoversTheCanonicalStatementNotTheFileLayout() throws {
        let (privateKey, publicKey) = try OpenSSLKeys.ed25519()
        let compact = CanonicalJSON.compact(try Self.signed(keyFile: privateKey).json)
        let read = try Checkpoint(parsing: compact)
        let findings = CheckpointCheck.findings(read, publicKey: try CheckpointPublicKey.load(file: publicKey), ledgerKeyID: "key-id",
                                                heads: Self.heads, linkDigest: { _, _ in nil })
        #expect(findings == [])
    }

    @Test func anEditedDigestBreaksTheSignature() throws {
        let (privateKey, publicKey) = try OpenSSLKeys.ed25519()
        let text = try Self.signed(keyFile: privateKey).text
        let edited = try Checkpoint(parsing: text.replacingOccurrences(of: String(repeating: "a", count: 64),
                                                                       with: String(repeating: "c", count: 64)))
        let findings = CheckpointCheck.findings(edited, publicKey: try CheckpointPublicKey.load(file: publicKey), ledgerKeyID: "key-id",
                                                heads: edited.heads, linkDigest: { _, _ in nil })
        #expect(findings == [.badSignature(reason: "it does not match the statement, which was changed after it was signed")])
    }

    @Test func aCheckpointSignedByAnotherKeyIsNamedSo() throws {
        let (privateKey, _) = try OpenSSLKeys.ed25519()
        let (_, otherPublicKey) = try OpenSSLKeys.ed25519()
        let checkpoint = try Self.signed(keyFile: privateKey)
        let other = try CheckpointPublicKey.load(file: otherPublicKey)
        let signer = try CheckpointSigningKey.load(file: privateKey).publicKey
        let findings = CheckpointCheck.findings(checkpoint, publicKey: other, ledgerKeyID: "key-id", heads: Self.heads,
                                                linkDigest: { _, _ in nil })
        #expect(findings == [.signedByAnotherKey(expected: other.fingerprint, found: signer.fingerprint)])
        #expect(findings.allSatisfy { $0.isFailure })
    }

    @Test func withoutAPublicKeyTheSignatureIsNotCheckedAndThatIsSaid() throws {
        let (privateKey, _) = try OpenSSLKeys.ed25519()
        let findings = CheckpointCheck.findings(try Self.signed(keyFile: privateKey), publicKey: nil, ledgerKeyID: "key-id",
                                                heads: Self.heads, linkDigest: { _, _ in nil })
        #expect(findings == [.signatureNotChecked])
        #expect(!findings[0].isFailure)
        #expect(findings[0].description.hasPrefix("signature not checked"))
    }

    @Test func anUnsignedCheckpointFails() throws {
        let unsigned = try Checkpoint(parsing: Checkpoint(createdAt: Self.time, ledgerKeyID: nil, heads: Self.heads).text)
        let findings = CheckpointCheck.findings(unsigned, publicKey: nil, ledgerKeyID: nil, heads: Self.heads,
                                                linkDigest: { _, _ in nil })
        #expect(findings == [.unsigned])
    }

    @Test(arguments: [
        ("[]", "not a JSON object"),
        ("{", "not JSON"),
        (#"{"format": "other/v9", "createdAt": "2026-01-01T00:00:00Z", "releases": []}"#, "format: 'other/v9'"),
        (#"{"format": "dsledger-checkpoint/v1", "createdAt": "yesterday", "releases": []}"#, "createdAt: 'yesterday'"),
        (#"{"format": "dsledger-checkpoint/v1", "createdAt": "2026-01-01T00:00:00Z"}"#, "releases: missing"),
        (#"{"format": "dsledger-checkpoint/v1", "createdAt": "2026-01-01T00:00:00Z", "releases": [{"namespace": "a", "name": "b", "position": -1, "digest": "", "revisions": 0, "events": 0}]}"#,
         "releases[0].position"),
        (#"{"format": "dsledger-checkpoint/v1", "createdAt": "2026-01-01T00:00:00Z", "releases": [], "signature": 3}"#,
         "signature: not an object"),
    ])
    func aMalformedFileNamesWhatIsWrong(text: String, reason: String) {
        #expect {
            try Checkpoint(parsing: text)
        } throws: { error in
            (error as? MalformedCheckpoint)?.reason.hasPrefix(reason) == true
        }
    }

    @Test func aReleaseListedTwiceIsMalformed() throws {
        let head = Self.heads[0]
        var json = Checkpoint(createdAt: Self.time, ledgerKeyID: nil, heads: [head]).json
        json["releases"] = .array([Checkpoint(createdAt: Self.time, ledgerKeyID: nil, heads: [head]).json["releases"]!.arrayValue![0],
                                   Checkpoint(createdAt: Self.time, ledgerKeyID: nil, heads: [head]).json["releases"]!.arrayValue![0]])
        #expect(throws: MalformedCheckpoint("releases: \(head.release) is listed twice")) {
            try Checkpoint(parsing: CanonicalJSON.compact(json))
        }
    }
}
