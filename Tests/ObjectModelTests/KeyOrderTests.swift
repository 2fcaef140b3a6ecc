import ObjectModel
import Testing
import TestSupport

/// Canonical JSON's key order: UTF-8 byte order, however long the keys' common starts.
@Suite struct KeyOrderTests {
    @Test func keysSharingLongPrefixesAndManyKeysSortByteWise() {
        var random = SplitMix(seed: 0x50E7)
        let stems = ["", "a", "ab", "metadata", "metadata.", "metadataX", "app.kubernetes.io/", "é", "Z", "\u{0}", "a\u{0}"]
        for _ in 0..<300 {
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...40, using: &random) {
                let key = stems.randomElement(using: &random)! + stems.randomElement(using: &random)!
                members[key] = .int(Int64(members.count))
            }
            let expected = "{" + members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
                .map { key in String(decoding: CanonicalJSON.compactBytes(.string(key)), as: UTF8.self) + ":" + CanonicalJSON.compact(members[key]!) }
                .joined(separator: ",") + "}"
            #expect(CanonicalJSON.compactBytes(.object(members)) == Array(expected.utf8))
        }
    }
}
