import Foundation
import ObjectModel

/// A Kubernetes resource quantity such as `500m`, `1Gi` or `1.5e3`: the one parser for every
/// module that reads quantities (validation, resource fit, drift, canonical forms).
///
/// The grammar is `k8s.io/apimachinery/pkg/api/resource` (`ParseQuantity`): a signed decimal
/// number (`5`, `5.`, `.5`, `5.5`) followed by a binary-SI suffix (`Ki`…`Ei`), a decimal-SI
/// suffix (`n`, `u`, `m`, none, `k`, `M`…`E`) or a decimal exponent (`e3`, `E-2`). See
/// https://kubernetes.io/docs/reference/kubernetes-api/common-definitions/quantity/ .
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The suffix family a quantity was written in; the server writes it back in the same one.
    public enum Format: Sendable, Hashable {
        /// `Ki`, `Mi`, `Gi`, `Ti`, `Pi`, `Ei` (powers of 1024).
        case binarySI
        /// `n`, `u`, `m`, no suffix, `k`, `M`, `G`, `T`, `P`, `E` (powers of 1000).
        case decimalSI
        /// `e<n>` or `E<n>` (any power of ten).
        case decimalExponent
    }

    /// The text as written.
    public let text: String
    /// The suffix family.
    public let format: Format
    /// The value as a double (exact enough to compare requests with limits and sum requests).
    public let value: Double
    /// The number before the suffix, with its sign, as written (`-1.5` of `-1.5Gi`).
    let number: Substring
    /// The digits before and after the decimal point (either may be empty, not both).
    let whole: Substring, fraction: Substring
    /// The suffix as powers: `value = number × 10^decimalPower × 1024^binaryPower`.
    let decimalPower: Int, binaryPower: Int

    /// Parses a quantity; `nil` when the text is not one.
    public init?(_ text: String) {
        // Byte by byte: every character of the grammar before the suffix is ASCII.
        let bytes = text.utf8
        var index = bytes.startIndex
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            bytes.formIndex(after: &index)
        }
        let whole = Self.digits(of: text, from: &index)
        var fraction = text[index..<index]
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            bytes.formIndex(after: &index)
            fraction = Self.digits(of: text, from: &index)
        }
        guard !(whole.isEmpty && fraction.isEmpty), let (decimal, binary, format) = Self.suffix(text[index...]),
            let base = Double(text[..<index])
        else { return nil }
        self.text = text
        self.format = format
        self.number = text[..<index]
        self.whole = whole
        self.fraction = fraction
        self.decimalPower = decimal
        self.binaryPower = binary
        self.value = base * Self.power(1024, binary) * Self.power(10, decimal)
    }

    /// The ASCII digits of `text` from `index` on, leaving `index` after them.
    private static func digits(of text: String, from index: inout String.Index) -> Substring {
        let start = index
        while index < text.utf8.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(text.utf8[index]) {
            text.utf8.formIndex(after: &index)
        }
        return text[start..<index]
    }

    public var description: String { text }

    /// True when the quantity is below zero.
    public var isNegative: Bool { value < 0 }

    /// The value, exactly (for comparing `1000m` with `1` or `1Gi` with `1024Mi`).
    public var exactValue: Decimal? {
        guard let base = Decimal(string: String(number), locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return base * Self.exactPower(1024, binaryPower) * Self.exactPower(10, decimalPower)
    }

    /// A quantity field's value as a number: JSON numbers as they are, strings parsed
    /// (`500m` → 0.5, `1Gi` → 1073741824); `nil` for anything else.
    public static func amount(of value: JSONValue) -> Double? {
        switch value {
        case .int(let number): Double(number)
        case .double(let number): number
        case .string(let text): Quantity(text)?.value
        default: nil
        }
    }

    /// A quantity field's value exactly (JSON numbers and strings); `nil` for anything else.
    public static func exactAmount(of value: JSONValue) -> Decimal? {
        switch value {
        case .int(let number): Decimal(number)
        case .double(let number): Decimal(number)
        case .string(let text): Quantity(text)?.exactValue
        default: nil
        }
    }

    static let binarySuffixes: [Substring: Int] = ["Ki": 1, "Mi": 2, "Gi": 3, "Ti": 4, "Pi": 5, "Ei": 6]
    static let decimalSuffixes: [Substring: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]

    /// The suffix's power of ten, power of 1024 and family; `nil` when it is no suffix.
    private static func suffix(_ text: Substring) -> (decimal: Int, binary: Int, Format)? {
        if let power = binarySuffixes[text] { return (0, power, .binarySI) }
        if let power = decimalSuffixes[text] { return (power, 0, .decimalSI) }
        // A double cannot hold a power of ten beyond ±308.
        guard let first = text.first, first == "e" || first == "E", let power = Int(text.dropFirst()), abs(power) <= 308
        else { return nil }
        return (power, 0, .decimalExponent)
    }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= base }
        return exponent < 0 ? 1 / result : result
    }

    private static func exactPower(_ base: Decimal, _ exponent: Int) -> Decimal {
        var result = Decimal(1)
        for _ in 0..<abs(exponent) { result *= base }
        return exponent < 0 ? 1 / result : result
    }
}
