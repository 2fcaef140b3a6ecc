import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct SecretSealTests {
    let plain = ["TOKEN": "s3cr3t-PLAINTEXT-1", "API_KEY": "12345"]

    @Test func sealsEachSecretDataValueWithTheHMACOfItsDecodedValue() throws {
        let (objects, hashes) = SecretSeal.sealed([LedgerSamples.secret(plain)], key: LedgerSamples.key)
        let data = try #require(objects.first?["data"]?.objectValue)
        #expect(data["TOKEN"] == .string(LedgerSamples.key.marker("s3cr3t-PLAINTEXT-1")))
        #expect(data["API_KEY"] == .string("hmac-sha256:" + LedgerSamples.key.hmac("12345")))
        #expect(Set(hashes) == [
            SecretHash(secret: "agent-env-secrets", key: "TOKEN", hmac: LedgerSamples.key.hmac("s3cr3t-PLAINTEXT-1")),
            SecretHash(secret: "agent-env-secrets", key: "API_KEY", hmac: LedgerSamples.key.hmac("12345")),
        ])
    }

    @Test func sealsStringDataAsWritten() throws {
        var secret = LedgerSamples.secret([:])
        secret["stringData"] = ["password": "hunter2"]
        let (objects, hashes) = SecretSeal.sealed([secret], key: LedgerSamples.key)
        #expect(objects[0]["stringData"]?["password"] == .string(LedgerSamples.key.marker("hunter2")))
        #expect(hashes == [SecretHash(secret: "agent-env-secrets", key: "password", hmac: LedgerSamples.key.hmac("hunter2"))])
    }

    @Test func leavesObjectsOtherThanV1SecretsUntouched() {
        var lookalike = LedgerSamples.secret(plain)
        lookalike["apiVersion"] = "example.com/v1"
        let objects = [LedgerSamples.configMap, LedgerSamples.daemonSet(), lookalike]
        let (sealed, hashes) = SecretSeal.sealed(objects, key: LedgerSamples.key)
        #expect(sealed == objects)
        #expect(hashes.isEmpty)
    }

    @Test func hmacIsKeyedHexAndDeterministic() {
        let hmac = LedgerSamples.key.hmac("s3cr3t")
        #expect(hmac.count == 64 && hmac.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(hmac == LedgerSamples.key.hmac("s3cr3t"))
        #expect(hmac != LedgerSamples.otherKey.hmac("s3cr3t"))
        #expect(hmac != LedgerSamples.key.hmac("s3cr3u"))
    }

    @Test(arguments: [0, 16, 31, 33, 64])
    func rejectsKeysThatAreNot32Bytes(count: Int) {
        #expect(SecretKey(bytes: Data(repeating: 1, count: count)) == nil)
    }

    @Test func sealedSpecReplacesTheValueAtEachPathAndNothingElse() {
        let document = LedgerSamples.document(secrets: plain)
        let sealed = SecretSeal.sealed(document, at: [LedgerSamples.secretPath("TOKEN")], key: LedgerSamples.key)
        #expect(sealed.value(at: LedgerSamples.secretPath("TOKEN")) == .string(LedgerSamples.key.marker("s3cr3t-PLAINTEXT-1")))
        #expect(sealed.value(at: LedgerSamples.secretPath("API_KEY")) == "12345")
        var expected = document
        expected.replace(at: LedgerSamples.secretPath("TOKEN"), with: .string(LedgerSamples.key.marker("s3cr3t-PLAINTEXT-1")))
        #expect(sealed == expected)
    }

    @Test func sealedSpecIgnoresPathsThatLeadNowhere() {
        let document = LedgerSamples.document(secrets: plain)
        let sealed = SecretSeal.sealed(document, at: [LedgerSamples.secretPath("MISSING"), FieldPath(dotted: "spec.nothing.here")],
                                       key: LedgerSamples.key)
        #expect(sealed == document)
    }

    @Test func fingerprintedShowsOnlyAShortFingerprintOfEachMarker() {
        let marker = LedgerSamples.key.marker("s3cr3t")
        let value: JSONValue = ["a": .string(marker), "b": [.string(marker), "plain"], "c": 3]
        let hmac = LedgerSamples.key.hmac("s3cr3t")
        let short = JSONValue.string("sha256:" + hmac.prefix(8) + "…")
        #expect(SecretSeal.fingerprinted(value) == ["a": short, "b": [short, "plain"], "c": 3])
        #expect(SecretHash(secret: "s", key: "k", hmac: hmac).fingerprint == "sha256:" + hmac.prefix(8) + "…")
    }

    @Test func sealingADraftLeavesNoPlaintextOrBase64InSpecOrObjects() {
        let objects = [LedgerSamples.configMap, LedgerSamples.secret(plain), LedgerSamples.daemonSet()]
        let draft = RevisionDraft.sealing(
            release: ReleaseID(namespace: "ops", name: "agent"), document: LedgerSamples.document(secrets: plain),
            secretPaths: plain.keys.sorted().map(LedgerSamples.secretPath), objects: objects,
            metadata: LedgerSamples.metadata(), key: LedgerSamples.key)
        let stored = CanonicalJSON.compact(draft.spec) + CanonicalJSON.compact(.array(draft.objects))
        for value in plain.values {
            #expect(!stored.contains(value))
            #expect(!stored.contains(Data(value.utf8).base64EncodedString()))
        }
        #expect(draft.secretHashes.count == 2)
        #expect(draft.summary.images == ["docker.io/fluent/fluent-bit:3.1"])
    }
}
