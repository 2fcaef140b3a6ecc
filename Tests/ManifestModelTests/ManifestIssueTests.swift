import ObjectModel
import Testing
@testable import ManifestModel

@Suite struct ManifestIssueTests {
    @Test func aHugeQuotedValueIsShortenedInTheMessage() {
        let value = String(repeating: "9", count: 3_000_000)
        let issue = ManifestIssue(.invalid, FieldPath([.field("tag")]), at: nil, "invalid image tag '\(value)'", hint: "use a short one")
        #expect(issue.message == "invalid image tag '\(String(repeating: "9", count: 60))… (3000000 characters)'")
    }

    @Test func shortValuesAndUnquotedTextStayAsWritten() {
        let message = "unsupported value 'Sometimes'; the quote's position matters '\(String(repeating: "x", count: 80))'"
        #expect(ManifestIssue.shortened(message) == message)
        #expect(ManifestIssue.shortened("invalid value '-1'") == "invalid value '-1'")
    }
}
