import Ledger
import Testing

@Suite struct RevisionSelectorTests {
    @Test(arguments: [
        ("3", RevisionSelector.number(3)), ("1", .number(1)), ("120", .number(120)),
        ("latest", .latest), ("-1", .beforeLatest(1)), ("-12", .beforeLatest(12)), ("-0", .latest),
    ])
    func parsesNumbersLatestAndStepsBack(text: String, expected: RevisionSelector) {
        #expect(RevisionSelector(text) == expected)
    }

    @Test(arguments: ["0", "x", "1.5", "", "-", "--1", "+3", "-x", " 3", "3 ", "Latest", "٣", "99999999999999999999999"])
    func rejectsAnythingElse(text: String) {
        #expect(RevisionSelector(text) == nil)
    }

    @Test(arguments: [
        (RevisionSelector.number(3), 5, 3 as Int?), (.number(5), 5, 5), (.number(6), 5, nil), (.number(1), 0, nil),
        (.latest, 5, 5), (.latest, 0, nil),
        (.beforeLatest(1), 5, 4), (.beforeLatest(4), 5, 1), (.beforeLatest(5), 5, nil), (.beforeLatest(1), 0, nil),
    ])
    func resolvesAgainstTheLatestNumber(selector: RevisionSelector, latest: Int, expected: Int?) {
        #expect(selector.resolve(latest: latest) == expected)
    }

    @Test func describesItselfAsTheUserWroteIt() {
        #expect(RevisionSelector.number(7).description == "7")
        #expect(RevisionSelector.latest.description == "latest")
        #expect(RevisionSelector.beforeLatest(2).description == "-2")
    }
}
