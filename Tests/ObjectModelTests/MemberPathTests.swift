import ObjectModel
import Testing

/// `JSONValue.value(atMemberPath:)`: members by dotted name, read on the path's bytes.
@Suite struct MemberPathTests {
    static let value: JSONValue = ["spec": ["updateStrategy": ["type": "OnDelete"], "clé": ["ü": 1]], "": "empty key"]

    @Test func followsMembersByDottedName() {
        #expect(Self.value.value(atMemberPath: "spec.updateStrategy.type") == "OnDelete")
        #expect(Self.value.value(atMemberPath: "spec.clé.ü") == 1)
        #expect(Self.value.value(atMemberPath: "spec.updateStrategy.missing") == nil)
        #expect(Self.value.value(atMemberPath: "spec.updateStrategy.type.deeper") == nil)
    }

    @Test func emptySegmentsAreSkippedAsSplittingOnDotsWould() {
        #expect(Self.value.value(atMemberPath: "") == Self.value)
        #expect(Self.value.value(atMemberPath: ".spec..updateStrategy.type.") == "OnDelete")
    }
}
