import ObjectModel
import Testing

/// `sharesStorage(with:)` is true only for copies of one stored array or object.
@Suite struct SharedStorageTests {
    @Test func copiesShareAndEqualBuildsDoNot() {
        let object: JSONValue = ["kind": "ConfigMap", "data": ["a": "b"]]
        let copy = object
        #expect(object.sharesStorage(with: copy))
        let rebuilt: JSONValue = ["kind": "ConfigMap", "data": ["a": "b"]]
        #expect(rebuilt == object && !rebuilt.sharesStorage(with: object))
        let list: JSONValue = [1, 2, 3]
        let listCopy = list
        #expect(list.sharesStorage(with: listCopy) && !list.sharesStorage(with: [1, 2, 3]))
        // Scalars and mixed kinds say nothing.
        #expect(!JSONValue.string("x").sharesStorage(with: .string("x")))
        #expect(!object.sharesStorage(with: list))
    }

    @Test func aChangedCopyNoLongerShares() {
        let object: JSONValue = ["kind": "ConfigMap", "data": ["a": "b"]]
        var changed = object
        changed["kind"] = "Secret"
        #expect(!changed.sharesStorage(with: object))
        #expect(object["kind"] == "ConfigMap")
    }
}
