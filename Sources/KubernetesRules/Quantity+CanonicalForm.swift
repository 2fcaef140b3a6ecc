import ObjectModel

/// The text a Kubernetes server writes back for a resource quantity (`Quantity.String` and
/// `CanonicalizeBytes` in `k8s.io/apimachinery/pkg/api/resource`; the ResourceList rounding is
/// `SetDefaults_ResourceList` in `pkg/apis/core/v1/defaults.go`).
///
/// The server keeps the suffix family it parsed (binary `Ki`…`Ei`, decimal `m`…`E`, or a
/// decimal exponent `e3`) and emits the largest suffix that loses no precision with an integer
/// mantissa: `0.5` → `500m`, `1000m` → `1`, `1.5Gi` → `1536Mi`, `1024Mi` → `1Gi`, and a binary
/// value below 1024 or not an integer in decimal form (`0.5Ki` → `512`). A ResourceList (container
/// `limits`/`requests`) is also rounded up to milli precision first (`0.1m` → `1m`). JSON numbers
/// come back as strings. Values too large for 64-bit arithmetic are left as written.
enum QuantityCanonicalForm {
    typealias Family = Quantity.Format

    /// The canonical text for a value of a container's `limits` or `requests`.
    static func resourceListValue(_ value: JSONValue) -> String? {
        canonical(value, roundingUpToMilli: true)
    }

    /// The canonical text for any other quantity field (e.g. `emptyDir.sizeLimit`).
    static func serializedValue(_ value: JSONValue) -> String? {
        canonical(value, roundingUpToMilli: false)
    }

    static func canonical(_ value: JSONValue, roundingUpToMilli: Bool) -> String? {
        let text: String
        switch value {
        case .string(let string): text = string
        case .int(let number): text = String(number)
        case .double(let number): text = CanonicalJSON.compact(.double(number))
        default: return nil
        }
        guard let parsed = parse(text) else { return nil }
        var mantissa = parsed.mantissa, exponent = parsed.exponent
        let family = parsed.family
        if roundingUpToMilli, exponent < -3 {
            guard let divisor = power(10, -3 - exponent) else { return mantissa == 0 ? "0" : nil }
            let (quotient, remainder) = mantissa.quotientAndRemainder(dividingBy: divisor)
            mantissa = remainder == 0 ? quotient : quotient + (mantissa < 0 ? -1 : 1)
            exponent = -3
        }
        if mantissa == 0 { return "0" }
        if family == .binarySI {
            // Too large for 64 bits as an integer: leave the text as written.
            if exponent > 0, integerValue(mantissa, exponent) == nil { return nil }
            if let binary = binaryText(mantissa, exponent) { return binary }
        }
        return decimalText(mantissa, exponent, family: family == .decimalExponent ? .decimalExponent : .decimalSI)
    }

    /// Mantissa and power of ten of the value, and its suffix family; `nil` when the value needs
    /// more than 64 bits.
    static func parse(_ text: String) -> (mantissa: Int64, exponent: Int, family: Family)? {
        guard let quantity = Quantity(text) else { return nil }
        var digits = (quantity.whole + quantity.fraction).drop { $0 == "0" }
        let trailingZeros = digits.reversed().prefix { $0 == "0" }.count
        digits = digits.dropLast(trailingZeros)
        guard digits.count <= 18, var mantissa = Int64(digits.isEmpty ? "0" : String(digits)) else { return nil }
        var exponent = quantity.decimalPower - quantity.fraction.count + trailingZeros
        if quantity.binaryPower > 0 {
            guard let factor = power(1024, quantity.binaryPower) else { return nil }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            mantissa = product
        }
        // Keep the mantissa small so later scaling cannot overflow.
        while mantissa != 0, mantissa % 10 == 0 { mantissa /= 10; exponent += 1 }
        return (quantity.number.first == "-" ? -mantissa : mantissa, exponent, quantity.format)
    }

    /// Binary form when the value is an integer of magnitude at least 1024; otherwise `nil`
    /// and the caller falls back to decimal, as the server does.
    private static func binaryText(_ mantissa: Int64, _ exponent: Int) -> String? {
        guard exponent >= 0, var value = integerValue(mantissa, exponent), value <= -1024 || value >= 1024 else { return nil }
        var power = 0
        while value % 1024 == 0, power < 6 { value /= 1024; power += 1 }
        return String(value) + ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power]
    }

    private static func decimalText(_ mantissa: Int64, _ exponent: Int, family: Family) -> String? {
        var mantissa = mantissa, exponent = exponent
        let adjust = ((exponent % 3) + 3) % 3
        if adjust > 0 {
            guard let factor = power(10, adjust) else { return nil }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: factor)
            guard !overflow else { return nil }
            mantissa = product
            exponent -= adjust
        }
        let suffixes = [-9: "n", -6: "u", -3: "m", 0: "", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"]
        if family == .decimalSI, let suffix = suffixes[exponent] { return String(mantissa) + suffix }
        return exponent == 0 ? String(mantissa) : "\(mantissa)e\(exponent)"
    }

    private static func integerValue(_ mantissa: Int64, _ exponent: Int) -> Int64? {
        guard let scale = power(10, exponent) else { return nil }
        let (value, overflow) = mantissa.multipliedReportingOverflow(by: scale)
        return overflow ? nil : value
    }

    private static func power(_ base: Int64, _ exponent: Int) -> Int64? {
        var result: Int64 = 1
        for _ in 0..<exponent {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return nil }
            result = product
        }
        return result
    }
}
