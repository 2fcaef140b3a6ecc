@testable import Importing
import ObjectModel
import Testing

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

extension JSONValue {
    /// This object with the value at `keys` (object keys, from the root) replaced.
    fileprivate func replacing(_ keys: [String], with newValue: JSONValue) -> JSONValue {
        guard let key = keys.first, case .object(var members) = self else { return newValue }
        members[key] = (members[key] ?? .null).replacing(Array(keys.dropFirst()), with: newValue)
        return .object(members)
    }
}
