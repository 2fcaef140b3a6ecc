import KubernetesRules
import ObjectModel
import Testing

@Suite struct DaemonSetSpecDefaultsTests {
    static let minimal = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent, namespace: ops}
        spec:
          selector: {matchLabels: {app: agent}}
          template:
            metadata: {labels: {app: agent}}
            spec:
              containers:
              - {name: agent, image: "busybox:1.36"}
        """

    @Test func fillsEveryDefaultOfAMinimalDaemonSet() throws {
        let result = try defaults("1.31").defaulted(try yaml(Self.minimal))
        let expected = try yaml("""
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: ops}
            spec:
              revisionHistoryLimit: 10
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers:
                  - name: agent
                    image: "busybox:1.36"
                    imagePullPolicy: IfNotPresent
                    terminationMessagePath: /dev/termination-log
                    terminationMessagePolicy: File
                  dnsPolicy: ClusterFirst
                  restartPolicy: Always
                  schedulerName: default-scheduler
                  securityContext: {}
                  terminationGracePeriodSeconds: 30
              updateStrategy:
                type: RollingUpdate
                rollingUpdate: {maxUnavailable: 1, maxSurge: 0}
            """)
        #expect(differences(result, expected) == [])
    }

    typealias StrategyCase = DefaultingCase

    static let strategies: [StrategyCase] = [
        .init(name: "absent strategy, 1.22+", version: "1.22", given: "{}",
              expected: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}"),
        .init(name: "absent strategy, 1.21 has no surge", version: "1.21", given: "{}",
              expected: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1}}"),
        .init(name: "empty type is RollingUpdate", version: "1.30", given: "{type: ''}",
              expected: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}"),
        .init(name: "null rollingUpdate is absent", version: "1.30", given: "{type: RollingUpdate, rollingUpdate: null}",
              expected: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 1, maxSurge: 0}}"),
        .init(name: "user values kept with their type", version: "1.30",
              given: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: '10%', maxSurge: '1'}}",
              expected: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: '10%', maxSurge: '1'}}"),
        .init(name: "explicit zero kept", version: "1.30", given: "{rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}",
              expected: "{type: RollingUpdate, rollingUpdate: {maxUnavailable: 0, maxSurge: 1}}"),
        .init(name: "OnDelete gets no rollingUpdate", version: "1.30", given: "{type: OnDelete}", expected: "{type: OnDelete}"),
        .init(name: "OnDelete keeps a given block untouched", version: "1.30",
              given: "{type: OnDelete, rollingUpdate: {maxUnavailable: 2}}",
              expected: "{type: OnDelete, rollingUpdate: {maxUnavailable: 2}}"),
    ]

    @Test(arguments: strategies)
    func defaultsTheUpdateStrategy(_ example: StrategyCase) throws {
        var object = try yaml(Self.minimal)
        object.editSpec { $0["updateStrategy"] = try? yaml(example.given) }
        let result = try defaults(example.version).defaulted(object)
        #expect(result.value(atMemberPath: "spec.updateStrategy") == (try yaml(example.expected)))
    }

    @Test func keepsExplicitRevisionHistoryLimitAndReplacesNull() throws {
        var object = try yaml(Self.minimal)
        object.editSpec { $0["revisionHistoryLimit"] = 0 }
        #expect(try defaults("1.31").defaulted(object).value(atMemberPath: "spec.revisionHistoryLimit") == 0)
        object.editSpec { $0["revisionHistoryLimit"] = .null }
        #expect(try defaults("1.31").defaulted(object).value(atMemberPath: "spec.revisionHistoryLimit") == 10)
    }

    @Test func extensionsV1beta1UsesTheLegacyRules() throws {
        let object = try yaml("""
            apiVersion: extensions/v1beta1
            kind: DaemonSet
            metadata: {name: agent}
            spec:
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: "agent:1"}]}
            """)
        let result = try defaults("1.15").defaulted(object)
        #expect(result.value(atMemberPath: "metadata.labels") == ["app": "agent"])
        #expect(result.value(atMemberPath: "spec.selector") == ["matchLabels": ["app": "agent"]])
        #expect(result.value(atMemberPath: "spec.updateStrategy") == ["type": "OnDelete"])
        #expect(result.value(atMemberPath: "spec.templateGeneration") == 1)
        #expect(result.value(atMemberPath: "spec.revisionHistoryLimit") == 10)
        var rolling = object
        rolling.editSpec { $0["updateStrategy"] = ["type": "RollingUpdate"] }
        let rolled = try defaults("1.15").defaulted(rolling)
        #expect(rolled.value(atMemberPath: "spec.updateStrategy.rollingUpdate") == ["maxUnavailable": 1])
    }

    @Test func emptyStructsAreOptInAndVersioned() throws {
        let object = try yaml(Self.minimal)
        #expect(try defaults("1.31").defaulted(object).value(atMemberPath: "spec.template.metadata.creationTimestamp") == nil)
        let old = try defaults("1.33", emptyStructs: true).defaulted(object)
        #expect(old.value(atMemberPath: "spec.template.metadata.creationTimestamp") == .null)
        #expect(old.value(atMemberPath: "spec.template.spec.containers")?.arrayValue?.first?["resources"] == [:])
        let new = try defaults("1.34", emptyStructs: true).defaulted(object)
        #expect(new.value(atMemberPath: "spec.template.metadata.creationTimestamp") == nil)
    }

    @Test func treatsAKindlessListItemWithATemplateAsADaemonSet() throws {
        var object = try yaml(Self.minimal)
        object["kind"] = nil
        object["apiVersion"] = nil
        #expect(try defaults("1.31").defaulted(object).value(atMemberPath: "spec.revisionHistoryLimit") == 10)
    }
}

extension JSONValue {
    mutating func editSpec(_ body: (inout [String: JSONValue]) -> Void) {
        guard var spec = self["spec"]?.objectValue else { return }
        body(&spec)
        self["spec"] = .object(spec)
    }
}
