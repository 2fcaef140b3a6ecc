import ManifestModel
import ObjectModel
import Testing

/// Shorthands for reading small manifests written inline in the tests.
enum ManifestText {
    /// A small valid manifest in snake_case; tests splice their own `spec` lines into it.
    static func manifest(spec extra: String = "", app: String = "") -> String {
        """
        apiVersion: kubernetes.project-planton.org/v1
        kind: KubernetesDaemonSet
        metadata:
          name: agent
        spec:
          namespace:
            value: monitoring
          container:
            app:
              image:
                repo: example.com/agent
                tag: "1.0"
        \(indent(app, by: 6))
        \(indent(extra, by: 2))
        """
    }

    /// The one manifest of `text`, which must be valid.
    static func read(_ text: String, file: String = "test.yaml") throws -> Manifest {
        let manifests = try ManifestReader.read(text, file: file)
        return try #require(manifests.first)
    }

    /// The one document of `text`, decoded and validated, with its issues (not thrown).
    static func decoded(_ text: String) throws -> (Manifest, [ManifestIssue]) {
        let documents = try SourceDocument.parse(text)
        return ManifestReader.decode(try #require(documents.first))
    }

    /// The error lines for `text`; empty when it is valid.
    static func errors(_ text: String, file: String = "test.yaml") -> [String] {
        do {
            _ = try ManifestReader.read(text, file: file)
            return []
        } catch {
            return error.description.split(separator: "\n").map(String.init)
        }
    }

    private static func indent(_ text: String, by spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.isEmpty ? "" : pad + $0 }.joined(separator: "\n")
    }
}
