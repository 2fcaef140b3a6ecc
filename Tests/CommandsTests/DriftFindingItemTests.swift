@testable import Commands
import DriftDetection
import Ledger
import ObjectModel
import Testing

/// The finding a drift event keeps of an item: never a value; a fingerprint only for a value of
/// a Secret's data, and only when the live side is a marker (or its fingerprint).
@Suite struct DriftFindingItemTests {
    static let secret = ObjectIdentity(apiVersion: "v1", kind: "Secret", namespace: "ops", name: "agent-env-secrets")
    static let configMap = ObjectIdentity(apiVersion: "v1", kind: "ConfigMap", namespace: "ops", name: "agent-config")
    static let marker = SecretMarker.marker(hmac: String(repeating: "ab", count: 32))

    @Test func keepsWhereAndWhoAndNoValue() {
        let item = DriftItem(object: Self.configMap, path: FieldPath(dotted: "data.agent.conf"), change: .changed,
                             expected: "level = info", live: "password = hunter2", manager: "kubectl-edit", operation: "Update",
                             time: "2026-12-04T10:00:00Z")
        let finding = DriftFinding(item)
        #expect(finding == DriftFinding(object: Self.configMap, path: "data.agent.conf", change: "changed", manager: "kubectl-edit",
                                        operation: "Update", time: "2026-12-04T10:00:00Z"))
        #expect(!CanonicalJSON.compact(finding.json).contains("hunter2"))
    }

    @Test func fingerprintsOnlyASecretsSealedValue() {
        func finding(_ object: ObjectIdentity, _ path: String, _ change: DriftChange, live: JSONValue?) -> DriftFinding {
            DriftFinding(DriftItem(object: object, path: FieldPath(dotted: path), change: change, live: live))
        }
        #expect(finding(Self.secret, "data.TOKEN", .secretChanged, live: .string(SecretMarker.fingerprint(Self.marker))).fingerprint
            == "sha256:abababab…")
        #expect(finding(Self.secret, "data.NEW", .added, live: .string(Self.marker)).fingerprint == "sha256:abababab…")
        // A value that is no marker is never kept, not even as the fingerprint field.
        #expect(finding(Self.secret, "data.TOKEN", .changed, live: "plaintext").fingerprint == nil)
        #expect(finding(Self.secret, "type", .changed, live: .string(Self.marker)).fingerprint == nil)
        #expect(finding(Self.configMap, "data.TOKEN", .changed, live: .string(Self.marker)).fingerprint == nil)
        #expect(finding(Self.secret, "data.TOKEN", .removed, live: nil).fingerprint == nil)
    }
}
