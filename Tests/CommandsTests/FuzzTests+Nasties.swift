import Foundation
import Testing

/// A hand-picked malformed manifest for ``FuzzTests``.
struct Nasty: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: Data
    /// Why this input is accepted today although it should not be (reported, not fixed yet).
    var knownIssue: String?
    var testDescription: String { name }

    init(_ name: String, _ text: String, knownIssue: String? = nil) {
        self.name = name
        bytes = Data(text.utf8)
        self.knownIssue = knownIssue
    }

    init(_ name: String, bytes: Data) {
        self.name = name
        self.bytes = bytes
    }

    static let header = """
        apiVersion: kubernetes.project-planton.org/v1
        kind: KubernetesDaemonSet
        metadata:
          name: agent
        spec:
          namespace: {value: agents}
          container:
            app:
              image: {repo: example.com/agent, tag: "1.0"}

        """

    /// The manifest above with `line` added under `spec.container.app` (six spaces deep).
    static func inContainer(_ line: String) -> String { header + "      " + line + "\n" }

    static var all: [Nasty] {
        let golden = (try? String(contentsOfFile: CLIHarness.example("daemonset-log-collector-fluent-bit"), encoding: .utf8)) ?? header
        var bomb = "      x0: &x0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for level in 1...12 {
            bomb += "      x\(level): &x\(level) [" + Array(repeating: "*x\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        var invalidUTF8 = Data(golden.utf8)
        invalidUTF8.replaceSubrange(invalidUTF8.startIndex + 200..<invalidUTF8.startIndex + 202, with: [0xFF, 0xFE])
        return [
            Nasty("empty", ""),
            Nasty("only-separators", "---\n---\n...\n"),
            Nasty("a-scalar", "just a string\n"),
            Nasty("a-list", "- 1\n- 2\n"),
            Nasty("deep-flow-nesting", header + "      env: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n"),
            Nasty("deep-flow-maps", header + "      env: " + String(repeating: "{a: ", count: 50_000) + "b" + String(repeating: "}", count: 50_000) + "\n"),
            Nasty("deep-block-nesting", header + (0..<3_000).map { String(repeating: " ", count: 6 + $0 * 2) + "k:\n" }.joined()),
            Nasty("huge-name", golden.replacingOccurrences(of: "name: fluent-bit", with: "name: " + String(repeating: "a", count: 5_000_000))),
            Nasty("huge-key", inContainer(String(repeating: "k", count: 2_000_000) + ": 1")),
            Nasty("huge-image-tag", header.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"" + String(repeating: "9", count: 3_000_000) + "\"")),
            Nasty("many-documents", String(repeating: "---\n" + header.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: 1.0"), count: 2_000)),
            Nasty("huge-env-list", header + "      env:\n        variables:\n"
                  + (0..<50_000).map { "          V\($0): {value: \"\($0)\"}\n" }.joined() + "        bad: 1\n"),
            Nasty("invalid-utf8", bytes: invalidUTF8),
            Nasty("utf16", bytes: golden.data(using: .utf16) ?? Data()),
            Nasty("nul-bytes", header + "      \0\0\0: \0\n"),
            Nasty("alias-bomb", header.replacingOccurrences(of: "metadata:\n  name: agent", with: "metadata:\n  name: agent\n  labels:\n" + bomb)
                  .replacingOccurrences(of: "container:\n", with: "container: *x12\n  unused:\n")),
            Nasty("alias-bomb-in-env", header + "      env:\n        variables:\n" + bomb.replacingOccurrences(of: "      x", with: "          x")),
            Nasty("alias-to-undefined", inContainer("env: *nowhere")),
            Nasty("self-merge", header + "      env: &e\n        <<: *e\n"),
            Nasty("duplicate-keys", header + "    app:\n      image: {repo: a, tag: b}\n"),
            Nasty("duplicate-key-in-flow", inContainer("resources: {limits: {cpu: 1m, cpu: 2m}}")),
            Nasty("snake-and-camel-twice", inContainer("security_context: {run_as_user: 1}\n      securityContext: {runAsUser: 2}")),
            Nasty("wrong-type-list-for-map", inContainer("env: [1, 2, 3]")),
            Nasty("wrong-type-map-for-string", header.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: {a: b}")),
            Nasty("wrong-type-bool-for-int", inContainer("security_context: {run_as_user: yes}")),
            Nasty("wrong-type-string-for-bool", inContainer("security_context: {privileged: \"maybe\"}")),
            Nasty("huge-integer", inContainer("security_context: {run_as_user: 99999999999999999999999999999999}")),
            Nasty("float-for-int", inContainer("security_context: {run_as_user: 1.5e308}")),
            Nasty("binary-tag", inContainer("security_context: !!binary AAAA")),
            Nasty("python-tag", inContainer("security_context: !!python/object:os.system {}")),
            Nasty("unterminated-quote", header.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"1.0")),
            Nasty("tabs-indentation", header.replacingOccurrences(of: "    app:", with: "\tapp:")),
            Nasty("directive-garbage", "%YAML 9.9\n%TAG ! tag:x\n---\n" + header),
            Nasty("complex-key", inContainer("? [a, b]\n      : c")),
            Nasty("wrong-kind", header.replacingOccurrences(of: "kind: KubernetesDaemonSet", with: "kind: Deployment")),
            Nasty("missing-everything", "apiVersion: kubernetes.project-planton.org/v1\nkind: KubernetesDaemonSet\n"),
        ] + amplifications
    }

    /// The alias family: a small text that expands to a large one.
    static var amplifications: [Nasty] {
        var nested = "      s0: &s0 \"" + String(repeating: "n", count: 65_536) + "\"\n"
        for level in 1...4 {
            nested += "      s\(level): &s\(level) [" + Array(repeating: "*s\(level - 1)", count: 10).joined(separator: ", ") + "]\n"
        }
        let bigMap = "{" + (0..<5_000).map { "k\($0): v" }.joined(separator: ", ") + "}"
        return [
            // 1 MB named 100,000 times: about 100 GB expanded.
            Nasty("alias-amplification", amplified(repeats: 100_000)),
            // Aliases of lists of aliases of a 64 KiB string: 10,000 nodes, 640 MB.
            Nasty("nested-string-aliases", header + nested + "      args: *s4\n"),
            // Merge keys over a map of 5,000 keys, a hundred times over.
            Nasty("merge-keys-over-a-large-map", header + "      big: &big \(bigMap)\n"
                  + (0..<100).map { "      m\($0): {<<: *big}\n" }.joined()),
            // One flow list past the node budget, and one under it but far past any list's limit.
            Nasty("long-flow-sequence", inContainer("args: [" + Array(repeating: "a", count: 300_000).joined(separator: ", ") + "]")),
            Nasty("long-flow-sequence-under-the-node-budget",
                  inContainer("args: [" + Array(repeating: "a", count: 150_000).joined(separator: ", ") + "]")),
        ]
    }

    /// `command: [&b <1 MB>]` and `args: [*b, *b, …]` in the container.
    static func amplified(repeats: Int) -> String {
        inContainer("command: [&b " + String(repeating: "b", count: 1 << 20) + "]\n      args: ["
                    + Array(repeating: "*b", count: repeats).joined(separator: ", ") + "]")
    }
}
