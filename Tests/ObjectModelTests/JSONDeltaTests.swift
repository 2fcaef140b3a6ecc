import ObjectModel
import Testing
import TestSupport

@Suite struct JSONDeltaTests {
    static let daemonSet: JSONValue = [
        "apiVersion": "apps/v1", "kind": "DaemonSet",
        "metadata": ["name": "agent", "annotations": ["example.com/a~b": "1", "example.com/path": "x"]],
        "spec": ["template": ["spec": ["containers": [["name": "agent", "image": "agent:1", "env": [["name": "A", "value": "1"]]]]]]],
    ]

    @Test func anImageChangeIsOneSmallOperation() throws {
        let changed = Self.daemonSet.replacingImage(with: "agent:2")
        let delta = JSONDelta.operations(from: Self.daemonSet, to: changed)
        #expect(CanonicalJSON.compact(delta) == #"[["/spec/template/spec/containers/0/image","agent:2"]]"#)
        #expect(try JSONDelta.applying(delta, to: Self.daemonSet) == changed)
    }

    @Test func keysWithSlashesAndTildesAreEscapedAndOperationsSortedByPointer() throws {
        var changed = Self.daemonSet
        changed["metadata"]?["annotations"] = ["example.com/a~b": "2", "new/key": "n"]
        let delta = JSONDelta.operations(from: Self.daemonSet, to: changed)
        #expect(CanonicalJSON.compact(delta)
            == #"[["/metadata/annotations/example.com~1a~0b","2"],["/metadata/annotations/example.com~1path"],["/metadata/annotations/new~1key","n"]]"#)
        #expect(try JSONDelta.applying(delta, to: Self.daemonSet) == changed)
    }

    @Test func aListThatGrowsAndAChangedTypeAreReplacedWhole() throws {
        let old: JSONValue = ["list": [1, 2], "value": "1", "same": true]
        let new: JSONValue = ["list": [1, 2, 3], "value": 1, "same": true]
        let delta = JSONDelta.operations(from: old, to: new)
        #expect(CanonicalJSON.compact(delta) == #"[["/list",[1,2,3]],["/value",1]]"#)
        #expect(try JSONDelta.applying(delta, to: old) == new)
        #expect(JSONDelta.operations(from: old, to: old) == [])
        #expect(try JSONDelta.applying(JSONDelta.operations(from: old, to: "whole"), to: old) == "whole")
    }

    @Test(arguments: [
        #"{}"#, #"[["/a"]]"#, #"[[1, 2]]"#, #"[["no-slash", 1]]"#, #"[["/missing/deeper", 1]]"#, #"[["/list/7", 1]]"#,
        #"[["/list/0"]]"#, #"[["/scalar/x", 1]]"#, #"[[""]]"#, #"[["/a", 1, 2]]"#,
    ])
    func aMalformedDeltaIsAnErrorNotACrash(delta: String) throws {
        let base: JSONValue = ["list": [1], "scalar": 3]
        #expect(throws: JSONDeltaError.self) { try JSONDelta.applying(try JSONValue(parsingJSON: delta), to: base) }
    }

    /// Random values edited at random: the delta, through its canonical JSON, always rebuilds the edited value.
    @Test func randomEditsRoundTripThroughTheirCanonicalJSON() throws {
        var random = SplitMix(seed: 0xD5)
        for _ in 0..<500 {
            let old = Self.randomValue(depth: 4, using: &random)
            var new = old
            for _ in 0..<Int.random(in: 1...4, using: &random) { new = Self.mutated(new, using: &random) }
            let delta = try JSONValue(parsingJSON: CanonicalJSON.compact(JSONDelta.operations(from: old, to: new)))
            #expect(try JSONDelta.applying(delta, to: old) == new, "\(old) → \(new)")
            #expect(JSONDelta.operations(from: new, to: new) == [])
        }
    }

    static func randomValue(depth: Int, using random: inout SplitMix) -> JSONValue {
        let keys = ["a", "b/c", "~d", "e~1", "", "ünï"]
        switch Int.random(in: 0...(depth > 0 ? 6 : 3), using: &random) {
        case 0: return .null
        case 1: return .int(Int64.random(in: -3...3, using: &random))
        case 2: return .string(keys.randomElement(using: &random)!)
        case 3: return .bool(Bool.random(using: &random))
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in randomValue(depth: depth - 1, using: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                members[keys.randomElement(using: &random)!] = randomValue(depth: depth - 1, using: &random)
            }
            return .object(members)
        }
    }

    static func mutated(_ value: JSONValue, using random: inout SplitMix) -> JSONValue {
        switch value {
        case .object(var members) where !members.isEmpty && Bool.random(using: &random):
            let key = members.keys.sorted().randomElement(using: &random)!
            switch Int.random(in: 0...2, using: &random) {
            case 0: members[key] = nil
            case 1: members[key] = mutated(members[key]!, using: &random)
            default: members[key + "x"] = randomValue(depth: 2, using: &random)
            }
            return .object(members)
        case .array(var items) where !items.isEmpty && Bool.random(using: &random):
            let index = Int.random(in: items.indices, using: &random)
            if Bool.random(using: &random) { items[index] = mutated(items[index], using: &random) } else { items.remove(at: index) }
            return .array(items)
        default:
            return randomValue(depth: 2, using: &random)
        }
    }
}

extension JSONValue {
    func replacingImage(with image: String) -> JSONValue {
        var copy = self
        var spec = copy["spec"]!["template"]!["spec"]!
        var containers = spec["containers"]!.arrayValue!
        containers[0]["image"] = .string(image)
        spec["containers"] = .array(containers)
        copy["spec"]?["template"]?["spec"] = spec
        return copy
    }
}
