@testable import KubernetesRules
import ObjectModel
import Testing

@Suite struct QuantityCanonicalFormTests {
    @Test(arguments: [
        ("0.5", "500m"), ("1.0", "1"), ("1000m", "1"), ("1.5Gi", "1536Mi"), ("1024Mi", "1Gi"), ("0.1m", "1m"),
        ("100m", "100m"), ("128Mi", "128Mi"), ("2", "2"), ("0", "0"), ("0.0Gi", "0"), ("1500k", "1500k"),
        ("1000k", "1M"), ("0.5Ki", "512"), ("1.5Ki", "1536"), ("1023", "1023"), ("2048", "2048"),
        ("1e3", "1e3"), ("1E3", "1e3"), ("12e6", "12e6"), ("1.5e3", "1500"), ("+4", "4"), ("-250m", "-250m"),
        ("0.0001", "1m"), ("1Ei", "1Ei"), ("500000000n", "500m"),
    ])
    func matchesTheServersCanonicalText(given: String, expected: String) {
        #expect(QuantityCanonicalForm.resourceListValue(.string(given)) == expected)
    }

    @Test func doesNotRoundOtherQuantities() {
        #expect(QuantityCanonicalForm.serializedValue("1u") == "1u")
        #expect(QuantityCanonicalForm.resourceListValue("1u") == "1m")
    }

    @Test func turnsNumbersIntoStrings() {
        #expect(QuantityCanonicalForm.resourceListValue(1) == "1")
        #expect(QuantityCanonicalForm.resourceListValue(.double(0.25)) == "250m")
    }

    @Test(arguments: ["", "abc", "1Zi", "1.2.3", "99999999999999999999", "1000Ei"])
    func leavesUnparsableOrHugeValuesAlone(given: String) {
        #expect(QuantityCanonicalForm.resourceListValue(.string(given)) == nil)
    }
}
