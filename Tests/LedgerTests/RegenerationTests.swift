import Foundation
import Ledger
import ObjectModel
import Testing

@Suite struct RegenerationTests {
    let plain = ["TOKEN": "s3cr3t-PLAINTEXT-1", "API_KEY": "12345"]
    var original: [JSONValue] { [LedgerSamples.configMap, LedgerSamples.secret(plain), LedgerSamples.daemonSet()] }
    var sealed: [JSONValue] { SecretSeal.sealed(original, key: LedgerSamples.key).objects }

    @Test func restoresTheOriginalObjectsExactlyWithTheRightValues() throws {
        let (objects, missing) = try Regeneration.restored(sealed, values: plain, key: LedgerSamples.key)
        #expect(objects == original)
        #expect(CanonicalJSON.compact(.array(objects)) == CanonicalJSON.compact(.array(original)))
        #expect(missing.isEmpty)
    }

    @Test func restoresStringDataAsPlainText() throws {
        var secret = LedgerSamples.secret([:])
        secret["stringData"] = ["password": "hunter2"]
        let sealedSecret = SecretSeal.sealed([secret], key: LedgerSamples.key).objects
        let (objects, _) = try Regeneration.restored(sealedSecret, values: ["password": "hunter2"], key: LedgerSamples.key)
        #expect(objects == [secret])
    }

    @Test func aWrongValueThrowsMismatchNamingTheKeyButNeverAValue() throws {
        var values = plain
        values["TOKEN"] = "wrong-guess-99"
        let error = try #require(throws: Regeneration.Mismatch.self) {
            try Regeneration.restored(sealed, values: values, key: LedgerSamples.key)
        }
        #expect(error.key == "TOKEN")
        #expect(error.secret == "agent-env-secrets")
        #expect(error.description
            == "the value given for 'TOKEN' (Secret 'agent-env-secrets') does not match the one recorded; its HMAC differs")
        #expect(!error.description.contains("wrong-guess-99"))
        #expect(!error.description.contains("s3cr3t-PLAINTEXT-1"))
    }

    @Test func aValueCheckedWithAnotherKeyIsAMismatch() {
        #expect(throws: Regeneration.Mismatch.self) {
            try Regeneration.restored(sealed, values: plain, key: LedgerSamples.otherKey)
        }
        #expect(throws: Regeneration.Mismatch.self) {
            try Regeneration.restored(sealed, values: plain, key: nil)
        }
    }

    @Test func withoutValuesEverySecretBecomesAPlaceholderAndIsListedMissing() throws {
        let (objects, missing) = try Regeneration.restored(sealed, values: [:], key: nil)
        #expect(objects[1]["data"] == ["TOKEN": "<secret:TOKEN>", "API_KEY": "<secret:API_KEY>"])
        #expect(objects[0] == LedgerSamples.configMap)
        #expect(objects[2] == LedgerSamples.daemonSet())
        #expect(Set(missing) == [
            SecretHash(secret: "agent-env-secrets", key: "TOKEN", hmac: LedgerSamples.key.hmac("s3cr3t-PLAINTEXT-1")),
            SecretHash(secret: "agent-env-secrets", key: "API_KEY", hmac: LedgerSamples.key.hmac("12345")),
        ])
    }

    @Test func suppliesWhatIsGivenAndListsOnlyTheRest() throws {
        let (objects, missing) = try Regeneration.restored(sealed, values: ["API_KEY": "12345"], key: LedgerSamples.key)
        #expect(objects[1]["data"] == ["TOKEN": "<secret:TOKEN>", "API_KEY": .string(Data("12345".utf8).base64EncodedString())])
        #expect(missing.map(\.key) == ["TOKEN"])
    }
}
