import ManifestModel
import ObjectModel
import Testing
import TestSupport

/// Reading through a ``ManifestMemo`` gives what reading without one gives: the same manifests,
/// or the same error, for every version of a run.
@Suite struct ManifestMemoTests {
    static func read(_ text: String, memo: ManifestMemo? = nil) -> Result<[Manifest], ManifestError> {
        Result { () throws(ManifestError) in try ManifestReader.read(text, file: "run.yaml", memo: memo) }
    }

    @Test("random runs of edited examples read the same with and without a memo")
    func randomRunsMatch() {
        var random = SplitMix(seed: 0xdec0_de11)
        let memo = ManifestMemo()
        var (versions, invalid) = (0, 0)
        for base in TextEdits.examples {
            for round in 0..<12 {
                var text = base
                _ = Self.read(text, memo: memo)
                for _ in 0..<6 {
                    text = TextEdits.edited(text, &random, nearValues: round % 3 != 0)
                    let expected = Self.read(text)
                    #expect(Self.read(text, memo: memo) == expected, "version \(versions) read differently through the memo")
                    versions += 1
                    if case .failure = expected { invalid += 1 }
                }
            }
        }
        // Both paths must have been taken often: kept fields, edited parses, and invalid versions.
        #expect(memo.keptFields > versions * 5, "only \(memo.keptFields) fields kept in \(versions) versions")
        #expect(memo.edits > versions / 8 && invalid > versions / 10 && invalid < versions * 9 / 10)
    }

    @Test("a tag change decodes only the fields on its path; an issue in a kept field is still reported")
    func keptFieldsKeepTheirIssues() throws {
        let memo = ManifestMemo()
        let text = ManifestText.manifest(app: "resources:\n  limits:\n    cpu: 1\n    gpu: 2")
        let first = Self.read(text, memo: memo)
        guard case .failure(let error) = first else { Issue.record("an unknown field must be an error"); return }
        #expect(error.description.contains("gpu"))
        let kept = memo.keptFields
        let second = text.replacingOccurrences(of: "tag: \"1.0\"", with: "tag: \"1.1\"")
        #expect(Self.read(second, memo: memo) == Self.read(second))
        #expect(memo.keptFields > kept && memo.edits == 1)
    }

    @Test("a field kept from a document in one key style is decoded again in a document of the other")
    func keyStyleIsPartOfTheKey() throws {
        let memo = ManifestMemo()
        let app = "resources:\n  limits:\n    cpu: \"1\""
        let snake = ManifestText.manifest(spec: "create_namespace: true", app: app)
        let camel = ManifestText.manifest(spec: "createNamespace: true", app: app)
        let first = try #require(try ManifestReader.read(snake, file: "a.yaml", memo: memo).first)
        let second = try #require(try ManifestReader.read(camel, file: "a.yaml", memo: memo).first)
        #expect(first.spec?.container?.app?.resources?.origin.prefersCamelCase == false)
        #expect(second.spec?.container?.app?.resources?.origin.prefersCamelCase == true)
        #expect(second == (try ManifestReader.read(camel, file: "a.yaml").first))
    }
}
