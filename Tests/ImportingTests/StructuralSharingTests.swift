@testable import Importing
import ObjectModel
import Testing
import TestSupport

/// Sharing with the version before never changes a value: the result always equals the new tree.
@Suite struct StructuralSharingTests {
    static let earlier: JSONValue = .object([
        "kind": .string("DaemonSet"),
        "spec": .object([
            "containers": .array([.object(["name": .string("app"), "image": .string("busybox:1.36")])]),
            "ports": .array([.int(80), .int(443)]),
            "labels": .object(["app": .string("agent")]),
        ]),
    ])

    @Test func anEqualTreeIsTheEarlierOne() {
        let (value, equal) = StructuralSharing.shared(Self.earlier, with: Self.earlier)
        #expect(equal)
        #expect(value == Self.earlier)
    }

    @Test(arguments: [
        JSONValue.object(["kind": .string("DaemonSet")]),
        StructuralSharingTests.earlier.replacing(["spec", "containers"], with: .array([.object(["name": .string("app"), "image": .string("busybox:1.37")])])),
        StructuralSharingTests.earlier.replacing(["spec", "ports"], with: .array([.int(80)])),
        StructuralSharingTests.earlier.replacing(["spec", "ports"], with: .array([.int(80), .int(443), .int(8080)])),
        StructuralSharingTests.earlier.replacing(["spec", "labels"], with: .object(["app": .string("agent"), "tier": .string("node")])),
        StructuralSharingTests.earlier.replacing(["spec", "labels"], with: .string("not an object")),
        StructuralSharingTests.earlier.replacing(["spec", "labels"], with: .object([:])),
        StructuralSharingTests.earlier.replacing(["spec", "labels"], with: .object(["tier": .string("agent")])),
        StructuralSharingTests.earlier.replacing(["spec", "ports"], with: .array([.int(443), .int(80)])),
        StructuralSharingTests.earlier.replacing(["spec", "ports"], with: .array([.double(80), .int(443)])),
        JSONValue.null,
    ])
    func aChangedTreeIsTheNewOneWhereverItDiffers(new: JSONValue) {
        let (value, equal) = StructuralSharing.shared(new, with: Self.earlier)
        #expect(!equal)
        #expect(value == new)
        #expect(value != Self.earlier)
    }

    @Test func objectsAreSharedPlaceByPlace() {
        let changed = Self.earlier.replacing(["spec", "labels"], with: .object([:]))
        let shared = StructuralSharing.shared([Self.earlier, changed, .string("extra")], with: [Self.earlier, Self.earlier])
        #expect(shared == [Self.earlier, changed, .string("extra")])
    }
}

/// Random trees and random edits of them: whatever the edit, the shared tree equals the new one
/// and says it is equal exactly when the two were.
@Suite struct StructuralSharingRandomTests {
    @Test(arguments: 0..<500)
    func anyEditKeepsTheNewValue(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let earlier = Self.tree(depth: 4, random: &random)
        let new = Self.edited(earlier, random: &random)
        let (value, equal) = StructuralSharing.shared(new, with: earlier)
        #expect(value == new)
        #expect(equal == (new == earlier))
    }

    static func tree(depth: Int, random: inout SplitMix) -> JSONValue {
        let pick = depth == 0 ? Int.random(in: 0..<3, using: &random) : Int.random(in: 0..<5, using: &random)
        switch pick {
        case 0: return .int(Int64.random(in: 0..<3, using: &random))
        case 1: return .string(["a", "b", "c"].randomElement(using: &random)!)
        case 2: return .null
        case 3: return .array((0..<Int.random(in: 0..<4, using: &random)).map { _ in tree(depth: depth - 1, random: &random) })
        default:
            var members: [String: JSONValue] = [:]
            for key in ["k", "l", "m", "n"] where Bool.random(using: &random) { members[key] = tree(depth: depth - 1, random: &random) }
            return .object(members)
        }
    }

    /// `value` with a few random nodes replaced, removed or added.
    static func edited(_ value: JSONValue, random: inout SplitMix) -> JSONValue {
        if Int.random(in: 0..<6, using: &random) == 0 { return tree(depth: 2, random: &random) }
        switch value {
        case .object(var members):
            for key in Array(members.keys) {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: members[key] = nil
                case 1, 2: members[key] = edited(members[key]!, random: &random)
                default: break
                }
            }
            for key in ["k", "l", "m", "n", "o"] where members[key] == nil && Int.random(in: 0..<4, using: &random) == 0 {
                members[key] = tree(depth: 1, random: &random)
            }
            return .object(members)
        case .array(var elements):
            elements = elements.map { Int.random(in: 0..<3, using: &random) == 0 ? edited($0, random: &random) : $0 }
            if Int.random(in: 0..<5, using: &random) == 0, !elements.isEmpty { elements.removeLast() }
            if Int.random(in: 0..<5, using: &random) == 0 { elements.append(.string("x")) }
            return .array(elements)
        default:
            return value
        }
    }
}

extension JSONValue {
    /// This object with the value at `keys` (object keys, from the root) replaced.
    fileprivate func replacing(_ keys: [String], with newValue: JSONValue) -> JSONValue {
        guard let key = keys.first, case .object(var members) = self else { return newValue }
        members[key] = (members[key] ?? .null).replacing(Array(keys.dropFirst()), with: newValue)
        return .object(members)
    }
}
