import KubernetesRules
import ObjectModel
import Testing
@testable import DriftDetection

/// An in-memory cluster that counts how it is read.
actor CountingReader: LiveObjectReader {
    private(set) var lists: [String] = []
    private(set) var gets: [String] = []
    let stored: [JSONValue]

    init(_ stored: [JSONValue]) {
        self.stored = stored
    }

    func objects(apiVersion: String, kind: String, namespace: String?, labelSelector: String?) async throws -> [JSONValue] {
        lists.append("\(kind) \(namespace ?? "*")")
        // As the server sends list items: without kind and apiVersion.
        return stored.filter { $0["kind"]?.stringValue == kind && (namespace == nil || $0["metadata"]?["namespace"]?.stringValue == namespace) }
            .map { item in
                var copy = item
                copy.removeMember(atMemberPath: "kind")
                copy.removeMember(atMemberPath: "apiVersion")
                return copy
            }
    }

    func object(apiVersion: String, kind: String, namespace: String?, name: String) async throws -> JSONValue? {
        gets.append("\(kind) \(namespace ?? "*")/\(name)")
        return stored.first {
            $0["kind"]?.stringValue == kind && $0["metadata"]?["namespace"]?.stringValue == namespace
                && $0["metadata"]?["name"]?.stringValue == name
        }
    }
}

@Suite struct DriftCheckTests {
    static func release(_ namespace: String, image: String = "example.com/agent:1.0") throws -> (applied: [JSONValue], live: [JSONValue]) {
        let rename = { (text: String) in
            text.replacingOccurrences(of: "namespace: agents", with: "namespace: \(namespace)")
                .replacingOccurrences(of: "namespaces/agents", with: "namespaces/\(namespace)")
        }
        let applied = try object(rename(Fixtures.appliedDaemonSet))
        let live = try object(rename(Fixtures.liveDaemonSet(minor: 33)).replacingOccurrences(of: "example.com/agent:1.0", with: image))
        let secret = { (value: String) -> JSONValue in
            ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "agent-env", "namespace": .string(namespace)],
             "data": ["TOKEN": .string(value)]]
        }
        return ([applied, secret(marker("a"))], [live, secret("dG9rZW4=")])
    }

    /// Seals the one base64 value the fixtures use to marker `a`, anything else to marker `b`.
    static let seal: @Sendable (JSONValue) -> JSONValue = { secret in
        var copy = secret
        copy["data"] = .object((secret["data"]?.objectValue ?? [:]).mapValues { .string(marker($0 == "dG9rZW4=" ? "a" : "b")) })
        return copy
    }

    @Test func manyReleasesAreReadWithOneListPerKind() async throws {
        let namespaces = ["a", "b", "c", "d"]
        let releases = try namespaces.map { try Self.release($0, image: $0 == "c" ? "example.com/agent:6.6" : "example.com/agent:1.0") }
        let reader = CountingReader(releases.flatMap(\.live))
        let check = DriftCheck(reader: reader, version: version(33), sealLiveSecret: Self.seal)
        let input = zip(namespaces, releases).map { ReleaseObjects(release: "\($0)/agent", revision: 3, objects: $1.applied) }
        let reports = try await check.reports(for: input)
        #expect(await reader.lists.sorted() == ["DaemonSet *", "Secret *"])
        #expect(await reader.gets.isEmpty)
        #expect(reports.map(\.release) == ["a/agent", "b/agent", "c/agent", "d/agent"])
        #expect(reports.map(\.items.count) == [0, 0, 1, 0])
        #expect(reports[2].items.first?.live == "example.com/agent:6.6")
        #expect(reports[0].liveRevision == LiveRevision(revision: 3, contentDigest: "sha256:abc"))
    }

    @Test func releasesInOneNamespaceAreListedThere() async throws {
        let one = try Self.release("a"), two = try Self.release("a")
        let reader = CountingReader(one.live)
        let check = DriftCheck(reader: reader, version: version(33), labelSelector: "app=agent", sealLiveSecret: Self.seal)
        _ = try await check.reports(for: [ReleaseObjects(release: "a/agent", revision: 1, objects: one.applied),
                                          ReleaseObjects(release: "a/agent2", revision: 1, objects: two.applied)])
        #expect(await reader.lists.sorted() == ["DaemonSet a", "Secret a"])
    }

    @Test func oneReleaseIsReadWithGets() async throws {
        let release = try Self.release("a")
        let reader = CountingReader(Array(release.live.prefix(1)))
        let check = DriftCheck(reader: reader, version: version(33), sealLiveSecret: Self.seal)
        let report = try await check.report(for: ReleaseObjects(release: "a/agent", revision: 2, objects: release.applied))
        #expect(await reader.gets.sorted() == ["DaemonSet a/agent", "Secret a/agent-env"])
        #expect(await reader.lists.isEmpty)
        #expect(summary(report.items) == ["removed "])
        #expect(report.items.first?.object.kind == "Secret" && report.revision == 2)
    }

    @Test func liveSecretsAreSealedBeforeComparing() async throws {
        var release = try Self.release("a")
        release.live[1]["data"] = ["TOKEN": "b3RoZXI="]
        let check = DriftCheck(reader: CountingReader(release.live), version: version(33), sealLiveSecret: Self.seal)
        let report = try await check.report(for: ReleaseObjects(release: "a/agent", revision: 2, objects: release.applied))
        #expect(summary(report.items) == ["secretChanged data.TOKEN"])
        #expect(report.items.first?.live == "sha256:bbbbbbbb…")
    }
}
