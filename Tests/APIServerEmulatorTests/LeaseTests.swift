import APIServerEmulator
import EmulatorTestSupport
import Foundation
import ObjectModel
import Testing
import TestSupport

/// Leases (coordination.k8s.io/v1) as the real server keeps them: create, get, update with
/// resourceVersion preconditions (a stale one is 409 Conflict), delete; and RBAC's 403 for a
/// forbidden resource.
@Suite(.serialized) struct LeaseTests {
    static let path = "/apis/coordination.k8s.io/v1/namespaces/default/leases"

    static func lease(holder: String, resourceVersion: String? = nil) -> String {
        let version = resourceVersion.map { #","resourceVersion":"\#($0)""# } ?? ""
        return #"{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"lock"\#(version)},"#
            + #""spec":{"holderIdentity":"\#(holder)","leaseDurationSeconds":15}}"#
    }

    static func body(_ result: Subprocess) -> String { String(decoding: result.stdout, as: UTF8.self) }

    @Test func leasesAreCreatedReadReplacedOnTheirVersionAndDeleted() async throws {
        try await withAPIServer { api in
            let json = ["-H", "Content-Type: application/json"]
            var result = try api.curl(arguments: ["-X", "POST"] + json + ["--data", Self.lease(holder: "a"), api.url + Self.path])
            #expect(Self.body(result).contains("201 Created"), "\(Self.body(result))")
            result = try api.curl(arguments: ["-X", "POST"] + json + ["--data", Self.lease(holder: "b"), api.url + Self.path])
            #expect(Self.body(result).contains("409 Conflict") && Self.body(result).contains("AlreadyExists"))
            let stored = try #require(api.server.storedObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease",
                                                              namespace: "default", name: "lock"))
            let version = try #require(stored.value(atMemberPath: "metadata.resourceVersion")?.stringValue)
            #expect(stored.value(atMemberPath: "spec.holderIdentity") == "a")

            result = try api.curl(arguments: ["-X", "PUT"] + json + ["--data", Self.lease(holder: "b", resourceVersion: version),
                                                                     api.url + Self.path + "/lock"])
            #expect(Self.body(result).contains("200 OK"), "\(Self.body(result))")
            result = try api.curl(arguments: ["-X", "PUT"] + json + ["--data", Self.lease(holder: "c", resourceVersion: version),
                                                                     api.url + Self.path + "/lock"])
            #expect(Self.body(result).contains("409 Conflict") && Self.body(result).contains("the object has been modified"),
                    "a stale resourceVersion loses: \(Self.body(result))")
            #expect(api.server.storedObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "default",
                                            name: "lock")?.value(atMemberPath: "spec.holderIdentity") == "b")
            result = try api.curl("-X", "DELETE", api.url + Self.path + "/lock")
            #expect(Self.body(result).contains("200 OK"))
            #expect(api.server.storedObject(apiVersion: "coordination.k8s.io/v1", kind: "Lease", namespace: "default", name: "lock") == nil)
        }
    }

    @Test func aForbiddenResourceAnswers403WithRBACsMessage() async throws {
        try await withAPIServer { api in
            api.server.forbid(["leases"])
            var result = try api.curl(api.url + Self.path + "/lock")
            #expect(Self.body(result).contains("403 Forbidden"))
            #expect(Self.body(result).contains(#"leases.coordination.k8s.io \"lock\" is forbidden: User \"system:serviceaccount:ci:deployer\" cannot get resource \"leases\" in API group \"coordination.k8s.io\" in the namespace \"default\""#))
            api.server.forbid([])
            result = try api.curl(api.url + Self.path + "/lock")
            #expect(Self.body(result).contains("404 Not Found"))
        }
    }

    @Test(.enabled(if: KubectlProofTests.kubectlPresent, "/usr/bin/kubectl is absent"))
    func kubectlGetsLeases() async throws {
        try await withAPIServer { api in
            _ = try api.curl(arguments: ["-X", "POST", "-H", "Content-Type: application/json", "--data", Self.lease(holder: "dsledger-ci"),
                                         api.url + Self.path])
            let result = try api.kubectl("get", "leases", "-n", "default")
            #expect(result.status == 0, "\(result.stderr)")
            let text = Self.body(result)
            #expect(text.hasPrefix("NAME") && text.contains("HOLDER") && text.contains("lock") && text.contains("dsledger-ci"), "\(text)")
        }
    }
}
