/// A Kubernetes resource quantity such as `500m`, `1Gi` or `1.5e3`.
///
/// Follows `k8s.io/apimachinery/pkg/api/resource`: a signed decimal number followed by a
/// binary-SI suffix (`Ki`…`Ei`), a decimal-SI suffix (`n`, `u`, `m`, ``, `k`, `M`…`E`) or a
/// decimal exponent (`e3`, `E-2`).
public struct Quantity: Sendable, Hashable, CustomStringConvertible {
    /// The text as written.
    public let text: String
    /// The value as a double (exact enough to compare requests with limits).
    public let value: Double

    /// Parses a quantity; `nil` when the text is not one.
    public init?(_ text: String) {
        guard let (number, suffix) = Self.split(text), let base = Double(number),
            let multiplier = Self.multiplier(suffix)
        else { return nil }
        self.text = text
        self.value = base * multiplier
    }

    public var description: String { text }

    /// True when the quantity is below zero.
    public var isNegative: Bool { value < 0 }

    private static func split(_ text: String) -> (Substring, Substring)? {
        var index = text.startIndex
        if index < text.endIndex, text[index] == "+" || text[index] == "-" { index = text.index(after: index) }
        let digitsStart = index
        var sawDigit = false
        var sawDot = false
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII, character.isNumber {
                sawDigit = true
            } else if character == ".", !sawDot {
                sawDot = true
            } else {
                break
            }
            index = text.index(after: index)
        }
        guard sawDigit, index > digitsStart else { return nil }
        return (text[text.startIndex..<index], text[index...])
    }

    private static func multiplier(_ suffix: Substring) -> Double? {
        switch suffix {
        case "": return 1
        case "Ki": return 1024
        case "Mi": return 1024 * 1024
        case "Gi": return 1024 * 1024 * 1024
        case "Ti": return 1_099_511_627_776
        case "Pi": return 1_125_899_906_842_624
        case "Ei": return 1_152_921_504_606_846_976
        case "n": return 1e-9
        case "u": return 1e-6
        case "m": return 1e-3
        case "k": return 1e3
        case "M": return 1e6
        case "G": return 1e9
        case "T": return 1e12
        case "P": return 1e15
        case "E": return 1e18
        default:
            guard let first = suffix.first, first == "e" || first == "E" else { return nil }
            let exponent = suffix.dropFirst()
            guard let power = Int(exponent), exponent.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }),
                abs(power) <= 308
            else { return nil }
            return pow10(power)
        }
    }

    private static func pow10(_ power: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(power) { result *= 10 }
        return power < 0 ? 1 / result : result
    }
}
