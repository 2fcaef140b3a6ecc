import ObjectModel
@testable import StructuralDiff
import Testing

/// One pod-spec edit of the `logging/agent` DaemonSet and the human text it must print.
struct PodSpecCase: CustomTestStringConvertible, Sendable {
    let name: String
    let old: String
    let new: String
    let expected: String

    var testDescription: String { name }
}

@Suite(.tags(.small)) struct ListMatchingTests {
    static let cases: [PodSpecCase] = [
        PodSpecCase(name: "a value inside env of a container", old: """
            containers:
            - {name: app, env: [{name: LOG_LEVEL, value: info}, {name: MODE, value: x}]}
            """, new: """
            containers:
            - {name: app, env: [{name: LOG_LEVEL, value: debug}, {name: MODE, value: x}]}
            """, expected: """
            DaemonSet logging/agent
              ~ spec.template.spec.containers[name=app].env[name=LOG_LEVEL].value: info → debug

            """),
        PodSpecCase(name: "env reordered is one change", old: """
            containers:
            - {name: app, env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: C, value: "3"}]}
            """, new: """
            containers:
            - {name: app, env: [{name: C, value: "3"}, {name: A, value: "1"}, {name: B, value: "2"}]}
            """, expected: """
            DaemonSet logging/agent
              ↕ spec.template.spec.containers[name=app].env: reordered (A, B, C → C, A, B)

            """),
        PodSpecCase(name: "env item inserted in the middle is no reorder", old: """
            containers:
            - {name: app, env: [{name: A, value: "1"}, {name: C, value: "3"}]}
            """, new: """
            containers:
            - {name: app, env: [{name: A, value: "1"}, {name: B, value: "2"}, {name: C, value: "3"}]}
            """, expected: """
            DaemonSet logging/agent
              + spec.template.spec.containers[name=app].env[name=B]: {"name":"B","value":"2"}

            """),
        PodSpecCase(name: "containers by name: removed, reordered, changed", old: """
            containers:
            - {name: app, image: "app:1"}
            - {name: sidecar, image: "side:1"}
            - {name: gone, image: "gone:1"}
            """, new: """
            containers:
            - {name: sidecar, image: "side:2"}
            - {name: app, image: "app:1"}
            """, expected: """
            DaemonSet logging/agent
              - spec.template.spec.containers[name=gone]: {"image":"gone:1","name":"gone"}
              ↕ spec.template.spec.containers: reordered (app, sidecar → sidecar, app)
              ~ spec.template.spec.containers[name=sidecar].image: side:1 → side:2

            """),
        PodSpecCase(name: "initContainers by name", old: """
            initContainers: [{name: init, image: "busybox:1"}]
            """, new: """
            initContainers: [{name: setup, image: "busybox:1"}, {name: init, image: "busybox:2"}]
            """, expected: """
            DaemonSet logging/agent
              + spec.template.spec.initContainers[name=setup]: {"image":"busybox:1","name":"setup"}
              ~ spec.template.spec.initContainers[name=init].image: busybox:1 → busybox:2

            """),
        PodSpecCase(name: "volumeMounts by mountPath", old: """
            containers:
            - name: app
              volumeMounts: [{name: logs, mountPath: /var/log}, {name: state, mountPath: /var/state}]
            """, new: """
            containers:
            - name: app
              volumeMounts: [{name: state, mountPath: /var/state}, {name: logs, mountPath: /var/log, readOnly: true}]
            """, expected: """
            DaemonSet logging/agent
              ↕ spec.template.spec.containers[name=app].volumeMounts: reordered (/var/log, /var/state → /var/state, /var/log)
              + spec.template.spec.containers[name=app].volumeMounts[mountPath=/var/log].readOnly: true

            """),
        // Kubernetes keys volumeDevices by devicePath (items without a mountPath were once
        // compared by position here).
        PodSpecCase(name: "volumeDevices by devicePath", old: """
            containers:
            - name: app
              volumeDevices: [{name: a, devicePath: /dev/xvda}, {name: b, devicePath: /dev/xvdb}]
            """, new: """
            containers:
            - name: app
              volumeDevices: [{name: b2, devicePath: /dev/xvdb}]
            """, expected: """
            DaemonSet logging/agent
              - spec.template.spec.containers[name=app].volumeDevices[devicePath=/dev/xvda]: {"devicePath":"/dev/xvda","name":"a"}
              ~ spec.template.spec.containers[name=app].volumeDevices[devicePath=/dev/xvdb].name: b → b2

            """),
        PodSpecCase(name: "volumes by name", old: """
            volumes: [{name: logs, hostPath: {path: /var/log}}, {name: tmp, emptyDir: {}}]
            """, new: """
            volumes: [{name: logs, hostPath: {path: /var/log/pods}}]
            """, expected: """
            DaemonSet logging/agent
              - spec.template.spec.volumes[name=tmp]: {"emptyDir":{},"name":"tmp"}
              ~ spec.template.spec.volumes[name=logs].hostPath.path: /var/log → /var/log/pods

            """),
        PodSpecCase(name: "ports by containerPort and protocol, TCP by default", old: """
            containers:
            - {name: app, ports: [{containerPort: 2020, name: http}, {containerPort: 53, protocol: UDP}]}
            """, new: """
            containers:
            - name: app
              ports:
              - {containerPort: 53, protocol: TCP}
              - {containerPort: 2020, protocol: TCP, name: metrics}
              - {containerPort: 53, protocol: UDP}
            """, expected: """
            DaemonSet logging/agent
              + spec.template.spec.containers[name=app].ports[containerPort=53,protocol=TCP]: {"containerPort":53,"protocol":"TCP"}
              ~ spec.template.spec.containers[name=app].ports[containerPort=2020,protocol=TCP].name: http → metrics
              + spec.template.spec.containers[name=app].ports[containerPort=2020,protocol=TCP].protocol: TCP

            """),
        PodSpecCase(name: "imagePullSecrets by name", old: """
            imagePullSecrets: [{name: a}, {name: b}]
            """, new: """
            imagePullSecrets: [{name: b}, {name: c}, {name: a}]
            """, expected: """
            DaemonSet logging/agent
              ↕ spec.template.spec.imagePullSecrets: reordered (a, b → b, a)
              + spec.template.spec.imagePullSecrets[name=c]: {"name":"c"}

            """),
        PodSpecCase(name: "tolerations reordered are no change", old: """
            tolerations: [{operator: Exists}, {key: a, effect: NoSchedule}]
            """, new: """
            tolerations: [{key: a, effect: NoSchedule}, {operator: Exists}]
            """, expected: ""),
        PodSpecCase(name: "tolerations as a set: one removed, one added", old: """
            tolerations: [{operator: Exists}, {key: a, effect: NoSchedule}]
            """, new: """
            tolerations: [{key: b, effect: NoExecute}, {operator: Exists}]
            """, expected: """
            DaemonSet logging/agent
              - spec.template.spec.tolerations[1]: {"effect":"NoSchedule","key":"a"}
              + spec.template.spec.tolerations[0]: {"effect":"NoExecute","key":"b"}

            """),
        PodSpecCase(name: "capabilities add and drop as sets", old: """
            containers:
            - {name: app, securityContext: {capabilities: {add: [NET_ADMIN, SYS_TIME], drop: [ALL]}}}
            """, new: """
            containers:
            - {name: app, securityContext: {capabilities: {add: [SYS_TIME, NET_RAW, NET_ADMIN], drop: [ALL]}}}
            """, expected: """
            DaemonSet logging/agent
              + spec.template.spec.containers[name=app].securityContext.capabilities.add[1]: NET_RAW

            """),
        PodSpecCase(name: "args by position", old: """
            containers:
            - {name: app, args: [--a, --b, --c]}
            """, new: """
            containers:
            - {name: app, args: [--b, --a]}
            """, expected: """
            DaemonSet logging/agent
              ~ spec.template.spec.containers[name=app].args[0]: --a → --b
              ~ spec.template.spec.containers[name=app].args[1]: --b → --a
              - spec.template.spec.containers[name=app].args[2]: --c

            """),
        PodSpecCase(name: "duplicate names fall back to positions", old: """
            containers:
            - {name: app, env: [{name: A, value: "1"}, {name: A, value: "2"}]}
            """, new: """
            containers:
            - {name: app, env: [{name: A, value: "1"}, {name: A, value: "3"}]}
            """, expected: """
            DaemonSet logging/agent
              ~ spec.template.spec.containers[name=app].env[1].value: 2 → 3

            """),
        PodSpecCase(name: "an item without its key falls back to positions", old: """
            containers:
            - {name: app, env: [{value: "1"}]}
            """, new: """
            containers:
            - {name: app, env: [{value: "2"}, {name: B}]}
            """, expected: """
            DaemonSet logging/agent
              ~ spec.template.spec.containers[name=app].env[0].value: 1 → 2
              + spec.template.spec.containers[name=app].env[1]: {"name":"B"}

            """),
        PodSpecCase(name: "fields added, removed and changed; a type change is quoted", old: """
            dnsPolicy: ClusterFirst
            terminationGracePeriodSeconds: 30
            containers: [{name: app}]
            """, new: """
            hostNetwork: true
            terminationGracePeriodSeconds: "30"
            containers: [{name: app}]
            """, expected: """
            DaemonSet logging/agent
              - spec.template.spec.dnsPolicy: ClusterFirst
              + spec.template.spec.hostNetwork: true
              ~ spec.template.spec.terminationGracePeriodSeconds: 30 → "30"

            """),
    ]

    @Test(arguments: cases)
    func humanText(_ testCase: PodSpecCase) throws {
        let old = try Fixture.daemonSet(testCase.old), new = try Fixture.daemonSet(testCase.new)
        #expect(Fixture.human([old], [new]) == testCase.expected)
        #expect(ObjectDiff.changes(from: [old], to: [old]).isEmpty)
        let applied = ChangeApplication.applying(ObjectDiff.changes(from: [old], to: [new]), to: [old])
        #expect(applied.map(SetNormalizer.normalized) == [SetNormalizer.normalized(new)])
    }

    @Test(arguments: [
        ("spec.template.spec.containers", ListMatching.keyed(["name"])),
        ("spec.template.spec.initContainers", .keyed(["name"])),
        ("spec.template.spec.containers[name=a].env", .keyed(["name"])),
        ("spec.template.spec.volumes", .keyed(["name"])),
        ("spec.template.spec.containers[name=a].volumeMounts", .keyed(["mountPath"])),
        ("spec.template.spec.containers[name=a].volumeDevices", .keyed(["devicePath"])),
        ("spec.template.spec.containers[name=a].ports", .keyed(["containerPort", "protocol"])),
        ("spec.template.spec.imagePullSecrets", .keyed(["name"])),
        ("spec.template.spec.tolerations", .set),
        ("spec.template.spec.containers[name=a].securityContext.capabilities.add", .set),
        ("spec.template.spec.containers[name=a].securityContext.capabilities.drop", .set),
        ("spec.template.spec.containers[name=a].args", .positional),
        ("rules", .positional),
        ("spec.add", .positional),
        ("spec.drop", .positional),
    ])
    func matchingByPath(_ path: String, _ expected: ListMatching) {
        // `containers[name=a]` is the field `containers` followed by the item `[name=a]`.
        let segments = path.split(separator: ".").flatMap { part -> [FieldPath.Segment] in
            guard let bracket = part.firstIndex(of: "[") else { return [.field(String(part))] }
            return [.field(String(part[..<bracket])), .keyed("name", "a")]
        }
        #expect(ListMatching.forList(at: FieldPath(segments)) == expected)
    }

    @Test func portKeysRoundTripThroughSegments() {
        let ports = ListMatching.keyed(["containerPort", "protocol"])
        #expect(ports.segment(key: "80/UDP") == .keyed("containerPort", "80,protocol=UDP"))
        #expect(ports.key(segmentValue: "80,protocol=UDP") == "80/UDP")
        let mounts = ListMatching.keyed(["mountPath"])
        #expect(mounts.segment(key: "/var/lib/a,b") == .keyed("mountPath", "/var/lib/a,b"))
        #expect(mounts.key(segmentValue: "/var/lib/a,b") == "/var/lib/a,b")
        #expect(ports.key(of: ["containerPort": 9100]) == "9100/TCP")
        #expect(ports.key(of: ["name": "metrics"]) == nil)
    }
}
