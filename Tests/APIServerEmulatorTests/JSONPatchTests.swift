@testable import APIServerEmulator
import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// RFC 6902 JSON patch: each operation, JSON-pointer escaping, failures, and the PATCH path
/// through the emulator (resourceVersion, managedFields, 422 Invalid).
@Suite struct JSONPatchTests {
    static let document: JSONValue = [
        "metadata": ["name": "agent", "annotations": ["example.com/owner": "ops", "a~b": "tilde"]],
        "list": ["x", "y"],
        "count": 2,
    ]

    func patched(_ operations: JSONValue) throws -> JSONValue {
        try JSONPatch.applying(operations, to: Self.document)
    }

    func failure(_ operations: JSONValue) -> JSONPatchError? {
        do {
            _ = try JSONPatch.applying(operations, to: Self.document)
            return nil
        } catch {
            return error
        }
    }

    @Test func addSetsMembersInsertsAndAppends() throws {
        let result = try patched([
            ["op": "add", "path": "/metadata/labels", "value": ["tier": "node"]],
            ["op": "add", "path": "/list/1", "value": "between"],
            ["op": "add", "path": "/list/-", "value": "last"],
            ["op": "add", "path": "/count", "value": 3],
        ])
        #expect(result["metadata"]?["labels"] == ["tier": "node"])
        #expect(result["list"] == ["x", "between", "y", "last"])
        #expect(result["count"] == 3)
        #expect(try JSONPatch.applying([["op": "add", "path": "", "value": ["whole": true]]], to: Self.document) == ["whole": true])
    }

    @Test func removeAndReplaceNeedAnExistingTarget() throws {
        let result = try patched([
            ["op": "remove", "path": "/list/0"],
            ["op": "replace", "path": "/metadata/name", "value": "renamed"],
            ["op": "remove", "path": "/count"],
        ])
        #expect(result["list"] == ["y"])
        #expect(result["metadata"]?["name"] == "renamed")
        #expect(result["count"] == nil)
        #expect(failure([["op": "remove", "path": "/metadata/labels"]]) == .failed("remove operation does not apply: doc is missing path: /metadata/labels"))
        #expect(failure([["op": "replace", "path": "/list/2", "value": "z"]]) != nil)
        #expect(failure([["op": "replace", "path": "/list/-", "value": "z"]]) != nil)
    }

    @Test func moveAndCopyTakeTheValueAtFrom() throws {
        let moved = try patched([["op": "move", "from": "/list/0", "path": "/first"]])
        #expect(moved["first"] == "x")
        #expect(moved["list"] == ["y"])
        let copied = try patched([["op": "copy", "from": "/metadata/name", "path": "/list/0"]])
        #expect(copied["list"] == ["agent", "x", "y"])
        #expect(copied["metadata"]?["name"] == "agent")
        #expect(failure([["op": "move", "from": "/nope", "path": "/x"]]) == .failed("move operation does not apply: doc is missing from path: /nope"))
        #expect(failure([["op": "move", "from": "/metadata", "path": "/metadata/inner"]]) != nil)
    }

    @Test func testComparesAsJSONAndStopsThePatch() throws {
        #expect(try patched([["op": "test", "path": "/count", "value": .double(2.0)],
                             ["op": "test", "path": "/metadata/annotations", "value": ["a~b": "tilde", "example.com/owner": "ops"]]])
            == Self.document)
        #expect(failure([["op": "replace", "path": "/count", "value": 5], ["op": "test", "path": "/list/0", "value": "y"]])
            == .failed("testing value /list/0 failed: test failed"))
        #expect(failure([["op": "test", "path": "/missing", "value": 1]]) != nil)
    }

    @Test func pointersUnescapeTildeOneAndTildeZero() throws {
        let result = try patched([
            ["op": "replace", "path": "/metadata/annotations/example.com~1owner", "value": "platform"],
            ["op": "remove", "path": "/metadata/annotations/a~0b"],
            ["op": "add", "path": "/metadata/annotations/~01~10", "value": "odd"],
        ])
        #expect(result["metadata"]?["annotations"] == ["example.com/owner": "platform", "~1/0": "odd"])
        #expect(failure([["op": "add", "path": "/metadata/bad~2escape", "value": 1]]) != nil)
        #expect(failure([["op": "add", "path": "no-slash", "value": 1]]) != nil)
        #expect(failure([["op": "add", "path": "/list/01", "value": 1]]) != nil, "leading zeros are not indices")
    }

    @Test func malformedPatchesAreRefused() {
        #expect(failure(["op": "add"]) == .notAList)
        #expect(failure([["op": "frobnicate", "path": "/x"]]) == .failed("Unexpected kind: frobnicate"))
        #expect(failure([["op": "add", "path": "/x"]]) == .failed("add operation has no 'value'"))
        #expect(failure([["op": "copy", "path": "/x"]]) == .failed("copy operation has no 'from'"))
    }

    // MARK: through PATCH

    let state = EmulatorState(version: KubernetesVersion(major: 1, minor: 31), token: "secret")

    func send(_ method: String, _ uri: String, _ body: JSONValue, contentType: String = "application/json") -> (Int, JSONValue) {
        let headers = ["content-type": contentType, "user-agent": "kubectl/v1.31.0 (linux/amd64)", "authorization": "Bearer secret"]
        let response = state.handle(EmulatorRequest(method: method, uri: uri, headers: headers, body: CanonicalJSON.compactBytes(body)),
                                    hasClientCertificate: false, serverAddress: "127.0.0.1:1")
        return (response.status, (try? JSONValue(parsingJSON: String(decoding: response.body, as: UTF8.self))) ?? .null)
    }

    @Test func patchRequestUpdatesWithManagedFieldsAndChecksTheVersion() throws {
        _ = send("POST", "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "ops"]])
        let (_, created) = send("POST", "/api/v1/namespaces/ops/configmaps",
                                ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "cfg"], "data": ["a": "1"]])
        let version = try #require(created["metadata"]?["resourceVersion"]?.stringValue)
        let path = "/api/v1/namespaces/ops/configmaps/cfg?fieldManager=json-patcher"
        let (status, body) = send("PATCH", path, [
            ["op": "test", "path": "/metadata/resourceVersion", "value": .string(version)],
            ["op": "add", "path": "/data/b", "value": "2"],
            ["op": "add", "path": "/metadata/labels", "value": ["example.com/tier": "web"]],
        ], contentType: "application/json-patch+json")
        #expect(status == 200)
        #expect(body["data"] == ["a": "1", "b": "2"])
        #expect(body["metadata"]?["resourceVersion"] != .string(version))
        let entry = body["metadata"]?["managedFields"]?.arrayValue?.first { $0["manager"] == "json-patcher" }
        #expect(entry?["operation"] == "Update")

        let (failed, status422) = send("PATCH", path, [["op": "test", "path": "/data/a", "value": "9"]], contentType: "application/json-patch+json")
        #expect(failed == 422)
        #expect(status422 == ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                              "message": "the server rejected our request due to an error in our request", "reason": "Invalid",
                              "details": [:], "code": 422])
        let (missing, _) = send("PATCH", path, [["op": "remove", "path": "/data/zzz"]], contentType: "application/json-patch+json")
        #expect(missing == 422)
        let (notList, notListBody) = send("PATCH", path, ["op": "add"], contentType: "application/json-patch+json")
        #expect(notList == 400)
        #expect(notListBody["message"] == "json: cannot unmarshal object into Go value of type jsonpatch.Patch")
        let (stale, _) = send("PATCH", path, [["op": "replace", "path": "/metadata/resourceVersion", "value": "1"]],
                              contentType: "application/json-patch+json")
        #expect(stale == 409)
        #expect(state.object(ResourceCatalog.core[2], namespace: "ops", name: "cfg")?["data"] == ["a": "1", "b": "2"])
    }
}
