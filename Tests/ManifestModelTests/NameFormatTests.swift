import ManifestModel
import Testing

/// The Kubernetes name formats, checked on bytes: every format is ASCII, so any other
/// character fails, and lengths are counted in characters only when a message needs them.
@Suite struct NameFormatTests {
    @Test(arguments: ["a", "fluent-bit", "x0", String(repeating: "a", count: 63)])
    func acceptsDNSLabels(text: String) {
        #expect(NameFormat.dnsLabel(text) == nil)
    }

    @Test(arguments: ["", "-a", "a-", "Fluent", "a_b", "a.b", "é", "ａ", String(repeating: "a", count: 64)])
    func refusesOtherDNSLabels(text: String) {
        #expect(NameFormat.dnsLabel(text) != nil)
    }

    @Test func countsCharactersOnlyForTheLengthMessage() {
        #expect(NameFormat.dnsLabel(String(repeating: "a", count: 64)) == "must be no more than 63 characters (is 64)")
        // 40 two-byte characters: 80 bytes but 40 characters, so the shape is what is wrong.
        #expect(NameFormat.dnsLabel(String(repeating: "é", count: 40))?.hasPrefix("must consist of") == true)
    }

    @Test func readsSubdomainsLabelsQualifiedNamesAndKeys() {
        #expect(NameFormat.dnsSubdomain("logging.example.com") == nil)
        #expect(NameFormat.dnsSubdomain("logging..com") != nil)
        #expect(NameFormat.labelValue("") == nil)
        #expect(NameFormat.labelValue("Fluent_Bit.3") == nil)
        #expect(NameFormat.labelValue("_x") != nil)
        #expect(NameFormat.qualifiedName("app.kubernetes.io/name") == nil)
        #expect(NameFormat.qualifiedName("Bad_Prefix/name")?.hasPrefix("prefix 'Bad_Prefix'") == true)
        #expect(NameFormat.qualifiedName("app/") == "name part must not be empty")
        #expect(NameFormat.dataKey("fluent-bit.conf") == nil)
        #expect(NameFormat.dataKey("..") == "must not be '.' or '..'")
        #expect(NameFormat.dataKey("a b") != nil)
    }

    @Test func readsPortAndEnvNames() {
        #expect(NameFormat.portName("http-metrics") == nil)
        #expect(NameFormat.portName("2020") == "must contain at least one letter")
        #expect(NameFormat.portName("a--b") == "must not contain consecutive hyphens")
        #expect(NameFormat.envName("LOG_LEVEL") == nil)
        #expect(NameFormat.envName("log.level-2") == nil)
        #expect(NameFormat.envName("2LOG") != nil)
        #expect(NameFormat.envName("NIVEAU_É") != nil)
    }

    @Test func readsIntOrPercentOfASCIIDigitsOnly() {
        #expect(IntOrPercent("10%") == .percent(10))
        #expect(IntOrPercent("3") == .int(3))
        #expect(IntOrPercent("-1") == nil)
        #expect(IntOrPercent("+1") == nil)
        #expect(IntOrPercent("１") == nil)
    }
}
