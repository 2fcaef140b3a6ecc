import ObjectModel
import StructuralDiff
import Testing

@Suite(.tags(.small)) struct DiffFormatTests {
    static let markers = ["1a2b3c4d", "99887766", "abcdef01", "0badf00d", "feedbeef"].map(Fixture.marker)

    static func secret(_ data: [String: JSONValue]) -> JSONValue {
        ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "creds", "namespace": "logging"], "type": "Opaque",
         "data": .object(data)]
    }

    static let secretIdentity = ObjectIdentity(apiVersion: "v1", kind: "Secret", namespace: "logging", name: "creds")

    @Test func secretsAreComparedThroughTheirMarkers() throws {
        let old = Self.secret(["password": .string(Self.markers[0]), "token": .string(Self.markers[1]), ".dockerconfigjson": .string(Self.markers[4])])
        let new = Self.secret(["password": .string(Self.markers[2]), "api-key": .string(Self.markers[3]), ".dockerconfigjson": .string(Self.markers[4])])
        let changes = ObjectDiff.changes(from: [old], to: [new])
        #expect(changes == [
            Change(object: Self.secretIdentity, path: FieldPath(dotted: "data.api-key"), kind: .added, new: "sha256:0badf00d…"),
            Change(object: Self.secretIdentity, path: FieldPath(dotted: "data.password"), kind: .secretChanged,
                   old: "sha256:1a2b3c4d…", new: "sha256:abcdef01…"),
            Change(object: Self.secretIdentity, path: FieldPath(dotted: "data.token"), kind: .removed, old: "sha256:99887766…"),
        ])
        let human = DiffFormat.human(changes, color: false)
        #expect(human == """
            Secret logging/creds
              + data.api-key: sha256:0badf00d…
              secret changed: logging/creds password (sha256:1a2b3c4d… → sha256:abcdef01…)
              - data.token: sha256:99887766…

            """)
        // Applying the changes gives the new Secret up to its fingerprints.
        let applied = try #require(ChangeApplication.applying(changes, to: [old]).first)
        #expect(applied["data"] == ["password": "sha256:abcdef01…", "api-key": "sha256:0badf00d…", ".dockerconfigjson": .string(Self.markers[4])])
        let json = DiffFormat.json(changes, from: 1, to: 2)
        for text in [human, json] {
            #expect(!text.contains("hmac-sha256"))
            for marker in Self.markers {
                #expect(!text.contains(marker.dropFirst("hmac-sha256:".count).prefix(9)))
            }
        }
    }

    @Test func aSecretAddedOrRemovedWholeShowsOnlyFingerprints() throws {
        let secret = Self.secret(["password": .string(Self.markers[0]), ".dockerconfigjson": .string(Self.markers[1])])
        for changes in [ObjectDiff.changes(from: [], to: [secret]), ObjectDiff.changes(from: [secret], to: [])] {
            #expect(changes.count == 1)
            let value = try #require(changes[0].new ?? changes[0].old)
            #expect(value["data"] == ["password": "sha256:1a2b3c4d…", ".dockerconfigjson": "sha256:99887766…"])
            let json = DiffFormat.json(changes, from: 1, to: 2)
            #expect(!json.contains("hmac-sha256") && !json.contains(Self.markers[0].suffix(56)))
        }
    }

    @Test func multiLineConfigMapDataIsALineDiff() throws {
        let old = try Fixture.yaml("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: fluent-bit-config, namespace: logging}
            data:
              fluent-bit.conf: |
                [SERVICE]
                    Flush        5
                    Log_Level    info
                [INPUT]
                    Name         tail
              parsers.conf: "one line"
            """)
        var new = old
        new["data"]?["fluent-bit.conf"] = "[SERVICE]\n    Flush        1\n    Log_Level    info\n[INPUT]\n    Name         tail\n    Tag          kube.*\n"
        new["data"]?["parsers.conf"] = "other line"
        #expect(Fixture.human([old], [new]) == """
            ConfigMap logging/fluent-bit-config
              ~ data[fluent-bit.conf]:
                  -     Flush        5
                  +     Flush        1
                  +     Tag          kube.*
              ~ data[parsers.conf]: one line → other line

            """)
    }

    @Test func multiLineDataAddedOrRemovedIsALineBlock() throws {
        let old = try Fixture.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: conf, namespace: logging}, data: {old.conf: \"a\\nb\\n\"}}")
        let new = try Fixture.yaml("{apiVersion: v1, kind: ConfigMap, metadata: {name: conf, namespace: logging}, data: {new.conf: \"c\\nd\"}}")
        #expect(Fixture.human([old], [new]) == """
            ConfigMap logging/conf
              + data[new.conf]:
                  + c
                  + d
              - data[old.conf]:
                  - a
                  - b

            """)
    }

    @Test func argsWithLineBreaksAreALineDiff() throws {
        let old = try Fixture.daemonSet("containers: [{name: app, args: [\"-c\", \"a\\nb\\nc\"]}]")
        let new = try Fixture.daemonSet("containers: [{name: app, args: [\"-c\", \"a\\nB\\nc\"]}]")
        #expect(Fixture.human([old], [new]) == """
            DaemonSet logging/agent
              ~ spec.template.spec.containers[name=app].args[1]:
                  - b
                  + B

            """)
    }

    @Test func coloursOnlyWhenAsked() throws {
        let old = try Fixture.daemonSet("containers: [{name: app, image: 'a:1', env: [{name: A}, {name: B}]}]")
        let new = try Fixture.daemonSet("containers: [{name: app, image: 'a:2', env: [{name: B}, {name: A}, {name: C}]}]")
        let changes = ObjectDiff.changes(from: [old], to: [new]) + ObjectDiff.changes(from: [], to: [old])
        #expect(!DiffFormat.human(changes, color: false).contains("\u{1B}"))
        let e = "\u{1B}"
        #expect(DiffFormat.human(changes, color: true) == """
            \(e)[1mDaemonSet logging/agent\(e)[0m
              \(e)[33m↕ spec.template.spec.containers[name=app].env: reordered (A, B → B, A)\(e)[0m
              \(e)[32m+ spec.template.spec.containers[name=app].env[name=C]: {"name":"C"}\(e)[0m
              \(e)[33m~ spec.template.spec.containers[name=app].image: a:1 → a:2\(e)[0m
            \(e)[32m+ \(e)[0m\(e)[1mDaemonSet logging/agent\(e)[0m (added)

            """)
    }

    @Test func jsonIsStable() throws {
        let old = try Fixture.daemonSet("containers: [{name: app, image: 'a:1', env: [{name: A}, {name: B}]}]")
        let new = try Fixture.daemonSet("containers: [{name: app, image: 'a:2', env: [{name: B}, {name: A}]}]")
        let role: JSONValue = ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": "r"]]
        let changes = ObjectDiff.changes(from: [old, role], to: [new])
        #expect(DiffFormat.json(changes, from: 3, to: 4) == """
            {
                "changes": [
                    {
                        "change": "reordered",
                        "new": [
                            "B",
                            "A"
                        ],
                        "object": "apps/v1/DaemonSet/logging/agent",
                        "old": [
                            "A",
                            "B"
                        ],
                        "path": "spec.template.spec.containers[name=app].env"
                    },
                    {
                        "change": "changed",
                        "new": "a:2",
                        "object": "apps/v1/DaemonSet/logging/agent",
                        "old": "a:1",
                        "path": "spec.template.spec.containers[name=app].image"
                    },
                    {
                        "change": "removed",
                        "object": "rbac.authorization.k8s.io/v1/ClusterRole/r",
                        "old": {
                            "apiVersion": "rbac.authorization.k8s.io/v1",
                            "kind": "ClusterRole",
                            "metadata": {
                                "name": "r"
                            }
                        },
                        "path": ""
                    }
                ],
                "from": 3,
                "to": 4
            }

            """)
        #expect(DiffFormat.json([], from: 1, to: 1) == "{\n    \"changes\": [],\n    \"from\": 1,\n    \"to\": 1\n}\n")
    }
}
