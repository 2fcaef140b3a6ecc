import ObjectModel
import Testing

@Suite struct PlainScalarTests {
    @Test(arguments: [
        ("", PlainScalar.null), ("~", .null), ("null", .null), ("NULL", .null),
        ("yes", .bool(true)), ("On", .bool(true)), ("y", .bool(true)), ("TRUE", .bool(true)),
        ("no", .bool(false)), ("off", .bool(false)), ("N", .bool(false)), ("False", .bool(false)),
        ("0644", .int(420)), ("0o17", .int(15)), ("0x1F", .int(31)), ("0b101", .int(5)), ("1_000", .int(1000)),
        ("-12", .int(-12)), ("+7", .int(7)), ("0", .int(0)),
        ("1.5", .float(1.5)), ("1e3", .float(1000)), (".5", .float(0.5)), ("-.inf", .float(-.infinity)),
        ("1.36", .float(1.36)), ("3.1.9", .string("3.1.9")), ("v1.8.2", .string("v1.8.2")), ("10%", .string("10%")),
        ("0x", .string("0x")), ("09", .float(9)), ("linux", .string("linux")),
    ])
    func resolvesLikeYAML11(text: String, expected: PlainScalar) {
        #expect(PlainScalar(resolving: text) == expected)
    }

    /// Every spelling of YAML 1.1's null, booleans and special floats (matched by packing the
    /// bytes into an integer), and near misses that stay strings.
    @Test func resolvesEverySpecialSpellingAndNothingNear() {
        let specials: [(PlainScalar, [String])] = [
            (.null, ["", "~", "null", "Null", "NULL"]),
            (.bool(true), ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]),
            (.bool(false), ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]),
            (.float(.infinity), [".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"]),
            (.float(-.infinity), ["-.inf", "-.Inf", "-.INF"]),
        ]
        for (value, texts) in specials {
            for text in texts { #expect(PlainScalar(resolving: text) == value, "\(text)") }
        }
        for text in [".nan", ".NaN", ".NAN"] {
            guard case .float(let number) = PlainScalar(resolving: text) else { Issue.record("\(text)"); continue }
            #expect(number.isNaN)
        }
        for text in ["nULL", "tRUE", "Nul", "yess", "offf", ".INf", "+.nan", "n\u{301}", "nulls", "~~", "falsey", "ye"] {
            #expect(PlainScalar(resolving: text) == .string(text), "\(text)")
        }
    }

    @Test(arguments: ["true", "yes", "1.36", "0644", "1e3", "", "null", "~", "2024-01-02", "1_000", ".inf", "0o17", "10:30", "1:30.5", "-1:20", "=", "<<"])
    func quotesAmbiguousStrings(text: String) {
        #expect(PlainScalar.needsQuoting(text))
    }

    @Test(arguments: ["linux", "3.1.9", "10%", "v1.8.2", "fluent-bit", "/var/log", "NET_ADMIN", "10:70", "a:1", "1:2:3x", "http://x:80"])
    func leavesPlainStringsUnquoted(text: String) {
        #expect(!PlainScalar.needsQuoting(text))
    }
}
