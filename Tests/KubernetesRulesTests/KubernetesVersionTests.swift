import KubernetesRules
import Testing

@Suite struct KubernetesVersionTests {
    @Test(arguments: [
        ("1.23", 1, 23, nil), ("v1.31.2", 1, 31, 2), ("1.28+", 1, 28, nil), ("v1.33.5+rke2r1", 1, 33, 5),
        ("v1.28.3-eks-4f4795d", 1, 28, 3), (" 1.19.16 ", 1, 19, 16), ("V1.9", 1, 9, nil),
    ] as [(String, Int, Int, Int?)])
    func parsesServerSpellings(text: String, major: Int, minor: Int, patch: Int?) throws {
        let version = try #require(KubernetesVersion(text))
        #expect(version == KubernetesVersion(major: major, minor: minor, patch: patch))
    }

    @Test(arguments: ["", "1", "v", "one.two", "1.x", "1.2beta"])
    func rejectsTextWithoutMajorAndMinor(text: String) {
        #expect(KubernetesVersion(text) == nil)
    }

    @Test func ordersByMinorThenPatch() throws {
        let versions = try ["1.9", "1.28.3", "1.28", "1.10", "v1.28.1", "2.0"].map { try #require(KubernetesVersion($0)) }
        #expect(versions.sorted().map(\.description) == ["1.9", "1.10", "1.28", "1.28.1", "1.28.3", "2.0"])
        #expect(KubernetesVersion("1.28+")! < KubernetesVersion("1.29")!)
        #expect(KubernetesVersion("1.28")!.isAtLeast(minor: 28))
        #expect(KubernetesVersion("1.28.9")!.isAtMost(minor: 28))
        #expect(!KubernetesVersion("1.29")!.isAtMost(minor: 28))
    }
}
