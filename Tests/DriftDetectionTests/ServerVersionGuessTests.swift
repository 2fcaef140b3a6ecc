import KubernetesRules
import ObjectModel
import Testing
@testable import DriftDetection

@Suite struct ServerVersionGuessTests {
    @Test(arguments: [(19, 19), (20, 21), (27, 33), (33, 33), (35, 35)])
    func guessesTheNewestVersionTheCluesAllow(minor: Int, guessed: Int) throws {
        let live = try object(Fixtures.liveDaemonSet(minor: minor))
        #expect(ServerVersionGuess.version(from: [live]) == version(guessed))
    }

    @Test func legacyTemplateGenerationMeansAVeryOldServer() {
        let live: JSONValue = ["kind": "DaemonSet", "spec": ["templateGeneration": 2, "updateStrategy": ["type": "OnDelete"]]]
        #expect(ServerVersionGuess.version(from: [live]) == version(15))
    }

    @Test func noCluesMeansTheNewest() {
        #expect(ServerVersionGuess.version(from: [["kind": "ConfigMap"]]) == ServerVersionGuess.newest)
    }
}

@Suite struct LiveRevisionTests {
    @Test func readsTheAnnotations() throws {
        let live = try object(Fixtures.liveDaemonSet(minor: 33))
        let revision = try #require(LiveRevision(daemonSet: live))
        #expect(revision == LiveRevision(revision: 3, contentDigest: "sha256:abc"))
        #expect(revision.matches(revision: 3, contentDigest: "sha256:abc"))
        #expect(!revision.matches(revision: 4))
        #expect(!revision.matches(revision: 3, contentDigest: "sha256:def"))
    }

    @Test func absentWithoutAnnotations() {
        #expect(LiveRevision(daemonSet: ["metadata": ["annotations": ["a": "b"]]]) == nil)
    }
}
