import KubernetesRules
import ObjectModel
import Testing

/// Node selectors and required node affinity as
/// https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/ describes them.
@Suite struct NodeSelectionTests {
    static let labels = ["zone": "a", "cores": "8", "gpu": "true"]

    static func requirement(_ key: String, _ op: String, _ values: [String] = []) -> JSONValue {
        ["key": .string(key), "operator": .string(op), "values": .array(values.map(JSONValue.string))]
    }

    static func spec(terms: [[JSONValue]], fields: [JSONValue] = []) -> JSONValue {
        let selectorTerms = terms.map { expressions -> JSONValue in
            fields.isEmpty ? ["matchExpressions": .array(expressions)] : ["matchExpressions": .array(expressions), "matchFields": .array(fields)]
        }
        return ["affinity": ["nodeAffinity": ["requiredDuringSchedulingIgnoredDuringExecution": ["nodeSelectorTerms": .array(selectorTerms)]]]]
    }

    @Test(arguments: [
        (requirement("zone", "In", ["a", "b"]), true), (requirement("zone", "In", ["b"]), false),
        (requirement("missing", "In", ["a"]), false),
        (requirement("zone", "NotIn", ["b"]), true), (requirement("zone", "NotIn", ["a"]), false),
        (requirement("missing", "NotIn", ["a"]), true),
        (requirement("gpu", "Exists"), true), (requirement("missing", "Exists"), false),
        (requirement("missing", "DoesNotExist"), true), (requirement("gpu", "DoesNotExist"), false),
        (requirement("cores", "Gt", ["4"]), true), (requirement("cores", "Gt", ["8"]), false),
        (requirement("cores", "Lt", ["16"]), true), (requirement("cores", "Lt", ["8"]), false),
        (requirement("zone", "Gt", ["1"]), false), (requirement("missing", "Lt", ["1"]), false),
        (requirement("zone", "Near", ["a"]), false),
    ])
    func operators(requirement: JSONValue, holds: Bool) {
        #expect(NodeSelection.holds(requirement, for: Self.labels) == holds)
    }

    @Test func termsAreOredAndExpressionsAnded() {
        let zoneB = Self.requirement("zone", "In", ["b"]), gpu = Self.requirement("gpu", "Exists")
        let cores = Self.requirement("cores", "Gt", ["16"])
        #expect(NodeSelection.accepts(Self.spec(terms: [[zoneB], [gpu]]), labels: Self.labels, nodeName: "n1"))
        #expect(!NodeSelection.accepts(Self.spec(terms: [[gpu, cores]]), labels: Self.labels, nodeName: "n1"))
        #expect(NodeSelection.outcome(of: ["matchExpressions": [gpu, cores]], labels: Self.labels, nodeName: "n1")
            == .unmet(requirement: cores, actual: "8"))
    }

    @Test func anEmptyTermMatchesNothing() {
        #expect(!NodeSelection.accepts(Self.spec(terms: [[]]), labels: Self.labels, nodeName: "n1"))
        #expect(NodeSelection.outcome(of: [:], labels: Self.labels, nodeName: "n1") == .empty)
    }

    @Test func matchFieldsReadTheNodeName() {
        let onN1 = Self.requirement("metadata.name", "In", ["n1"])
        #expect(NodeSelection.accepts(Self.spec(terms: [[]], fields: [onN1]), labels: [:], nodeName: "n1"))
        #expect(!NodeSelection.accepts(Self.spec(terms: [[]], fields: [onN1]), labels: [:], nodeName: "n2"))
    }

    @Test func everyNodeSelectorLabelMustMatch() {
        let spec: JSONValue = ["nodeSelector": ["zone": "a", "gpu": "false"]]
        #expect(!NodeSelection.accepts(spec, labels: Self.labels, nodeName: "n1"))
        let mismatches = NodeSelection.nodeSelectorMismatches(spec, labels: Self.labels)
        #expect(mismatches.map(\.key) == ["gpu"])
        #expect(NodeSelection.accepts(["nodeSelector": ["zone": "a"]], labels: Self.labels, nodeName: "n1"))
        #expect(NodeSelection.accepts([:], labels: [:], nodeName: "n1"))
    }
}
