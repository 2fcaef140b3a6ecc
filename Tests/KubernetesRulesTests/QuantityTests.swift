import KubernetesRules
import Testing

@Suite struct QuantityTests {
    @Test(arguments: [("500m", 0.5), ("1", 1), ("1Gi", 1_073_741_824), ("256Mi", 268_435_456), ("1.5", 1.5), ("2k", 2000), ("1e3", 1000), ("100M", 1e8)])
    func parsesQuantities(text: String, value: Double) throws {
        let quantity = try #require(Quantity(text))
        #expect(abs(quantity.value - value) < 1e-9 * max(1, value))
    }

    @Test(arguments: ["", "abc", "1GB", "1.2.3", "m", "1 Gi", "--1", "1e"])
    func rejectsMalformedQuantities(text: String) {
        #expect(Quantity(text) == nil)
    }

    @Test func marksNegativeQuantities() throws {
        #expect(try #require(Quantity("-1")).isNegative)
    }
}
