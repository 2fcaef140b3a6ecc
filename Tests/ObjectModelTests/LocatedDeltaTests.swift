@testable import ObjectModel
import Testing
import TestSupport

/// The delta found from canonical bytes (`JSONDelta.operations(from:canonical:to:canonical:)`).
@Suite struct LocatedDeltaTests {
    static func operations(_ old: JSONValue, _ new: JSONValue) -> JSONValue {
        JSONDelta.operations(from: old, canonical: CanonicalJSON.compactBytes(old), to: new, canonical: CanonicalJSON.compactBytes(new))
    }

    /// The one operation found in the bytes, if any.
    static func located(_ old: JSONValue, _ new: JSONValue) -> JSONValue? {
        guard case .operation(let operation) = JSONDelta.located(old: CanonicalJSON.compactBytes(old), new: CanonicalJSON.compactBytes(new), in: new) else {
            return nil
        }
        return operation
    }

    @Test func anImageChangeIsFoundInTheBytesAsTheTreeWalkFindsIt() throws {
        let old = JSONDeltaTests.daemonSet
        let new = old.replacingImage(with: "agent:2")
        let located = try #require(Self.located(old, new))
        #expect(CanonicalJSON.compact(.array([located])) == #"[["/spec/template/spec/containers/0/image","agent:2"]]"#)
        #expect(Self.operations(old, new) == JSONDelta.operations(from: old, to: new))
        #expect(Self.operations(old, old) == [])
        #expect(JSONDelta.located(old: CanonicalJSON.compactBytes(old), new: CanonicalJSON.compactBytes(old), in: old) == .same)
    }

    @Test func aChangeAtAValuesEdgeSetsTheValueThatHoldsIt() throws {
        // 1 → 10: the common tail begins inside the old number's neighbours.
        let old: JSONValue = ["a": ["n": 1, "s": "x"], "b": [1, 2]]
        for new: JSONValue in [["a": ["n": 10, "s": "x"], "b": [1, 2]], ["a": ["n": 1, "s": "xy"], "b": [1, 2]],
                               ["a": ["n": 1, "s": "x"], "b": [1, 2, 2]], ["a": ["n": 1, "s": "x"], "b": [1]],
                               ["a": ["n": 1, "s": "x", "t": 2], "b": [1, 2]], ["a": ["s": "x"], "b": [1, 2]]] {
            let delta = Self.operations(old, new)
            #expect(try JSONDelta.applying(delta, to: old) == new, "\(old) → \(new): \(CanonicalJSON.compact(delta))")
            #expect(Self.located(old, new) != nil, "\(new) is one small value's change")
        }
    }

    @Test func escapedKeysAndLargeValuesFallBackToTheTreeWalk() throws {
        let escaped: JSONValue = ["say \"hi\"": ["v": 1]]
        #expect(Self.located(escaped, ["say \"hi\"": ["v": 2]]) == nil)
        let big = String(repeating: "x", count: JSONDelta.locatedValueLimit)
        #expect(Self.located(["a": ["b": .string(big), "c": 1]], ["a": ["b": .string(big + "y"), "c": 1]]) == nil)
        // Two changes far apart are held only by the whole value: the walk gives both.
        let old: JSONValue = ["a": 1, "m": .string(big), "z": 1]
        let new: JSONValue = ["a": 2, "m": .string(big), "z": 2]
        #expect(Self.located(old, new) == nil)
        #expect(CanonicalJSON.compact(Self.operations(old, new)) == #"[["/a",2],["/z",2]]"#)
    }

    /// Random values edited at random, one member of the whole value at a time: the located
    /// delta, through its canonical JSON, always rebuilds the edited value, and it is always found
    /// (adding or removing a member of the whole value is left to the tree walk).
    @Test func randomEditsRoundTripThroughTheirCanonicalJSON() throws {
        var random = SplitMix(seed: 0x10CA7ED)
        for _ in 0..<1000 {
            let old: JSONValue = .object(["a": JSONDeltaTests.randomValue(depth: 3, using: &random),
                                          "b": JSONDeltaTests.randomValue(depth: 3, using: &random), "c": 1])
            var new = old
            let key = Bool.random(using: &random) ? "a" : "b"
            for _ in 0..<Int.random(in: 1...2, using: &random) { new[key] = JSONDeltaTests.mutated(new[key]!, using: &random) }
            let delta = try JSONValue(parsingJSON: CanonicalJSON.compact(Self.operations(old, new)))
            #expect(try CanonicalJSON.compact(JSONDelta.applying(delta, to: old)) == CanonicalJSON.compact(new), "\(old) → \(new)")
            if old != new {
                #expect(Self.located(old, new) != nil, "\(CanonicalJSON.compact(old)) → \(CanonicalJSON.compact(new))")
            }
        }
    }
}
