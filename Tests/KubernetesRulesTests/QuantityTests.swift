import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Quantities as `k8s.io/apimachinery/pkg/api/resource` parses and prints them
/// (https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/).
@Suite struct QuantityTests {
    @Test(arguments: [("500m", 0.5), ("1", 1), ("1Gi", 1_073_741_824), ("256Mi", 268_435_456), ("1.5", 1.5), ("2k", 2000), ("1e3", 1000), ("100M", 1e8),
                      (".5", 0.5), ("5.", 5), ("1E-2", 0.01), ("+4", 4)])
    func parsesQuantities(text: String, value: Double) throws {
        let quantity = try #require(Quantity(text))
        #expect(abs(quantity.value - value) < 1e-9 * max(1, value))
    }

    @Test(arguments: ["", "abc", "1GB", "1.2.3", "m", "1 Gi", "--1", "1e", ".", "1Zi", "1e400"])
    func rejectsMalformedQuantities(text: String) {
        #expect(Quantity(text) == nil)
    }

    @Test func marksNegativeQuantities() throws {
        #expect(try #require(Quantity("-1")).isNegative)
        #expect(try !#require(Quantity("0")).isNegative)
    }

    @Test(arguments: [("1000m", "1"), ("1Gi", "1024Mi"), ("0.5", "500m"), ("1e3", "1k"), ("1.5e3", "1500"), ("1024", "1Ki")])
    func equalValuesAreExactlyEqual(left: String, right: String) throws {
        #expect(try #require(Quantity(left)).exactValue == #require(Quantity(right)).exactValue)
    }

    @Test func exactAmountsReadNumbersAndStrings() {
        #expect(Quantity.exactAmount(of: 1) == Quantity.exactAmount(of: "1000m"))
        #expect(Quantity.exactAmount(of: .double(0.25)) == Quantity.exactAmount(of: "250m"))
        #expect(Quantity.amount(of: "1Gi") == 1_073_741_824)
        #expect(Quantity.amount(of: true) == nil)
    }

    @Test(arguments: [(Quantity.Format.binarySI, "1Gi"), (.decimalSI, "500m"), (.decimalSI, "2"), (.decimalExponent, "1e3")])
    func keepsTheSuffixFamily(format: Quantity.Format, text: String) throws {
        #expect(try #require(Quantity(text)).format == format)
    }
}
