import Foundation
import KubernetesRules
import ObjectModel
import Testing

/// Every golden rendering, defaulted by each server version, is a fixed point of defaulting.
@Suite struct GoldenIdempotenceTests {
    static let versions = ["1.13", "1.18", "1.21", "1.22", "1.27", "1.28", "1.33", "1.34", "1.36"]

    static var goldenCases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Paths.renderFixtures.path)) ?? []
        return names.filter { name in
            FileManager.default.fileExists(atPath: Paths.renderFixtures.appendingPathComponent("\(name)/expected.yaml").path)
        }.sorted()
    }

    static func objects(of name: String) throws -> [JSONValue] {
        let url = Paths.renderFixtures.appendingPathComponent("\(name)/expected.yaml")
        return try SourceDocument.parse(String(contentsOf: url, encoding: .utf8)).map(\.root.jsonValue)
    }

    @Test func findsTheGoldenRenderings() {
        #expect(Self.goldenCases.count >= 20)
    }

    @Test(arguments: goldenCases)
    func defaultingTwiceEqualsDefaultingOnce(name: String) throws {
        let objects = try Self.objects(of: name)
        #expect(!objects.isEmpty)
        for version in Self.versions {
            for emptyStructs in [false, true] {
                let defaulter = try defaults(version, emptyStructs: emptyStructs)
                for object in objects {
                    let once = defaulter.defaulted(object)
                    let twice = defaulter.defaulted(once)
                    #expect(differences(once, twice) == [], "\(name) \(object["kind"]?.stringValue ?? "?") at \(version)")
                }
            }
        }
    }

    @Test(arguments: goldenCases)
    func renderedDaemonSetsGetTheCoreDefaults(name: String) throws {
        for object in try Self.objects(of: name) where object["kind"] == "DaemonSet" {
            let result = try defaults("1.31").defaulted(object)
            let pod = try #require(result.value(atMemberPath: "spec.template.spec"))
            #expect(result.value(atMemberPath: "spec.revisionHistoryLimit") != nil)
            #expect(result.value(atMemberPath: "spec.updateStrategy.type") != nil)
            for key in ["dnsPolicy", "restartPolicy", "schedulerName", "securityContext", "terminationGracePeriodSeconds"] {
                #expect(pod[key] != nil, "\(name): \(key)")
            }
            for container in (pod["containers"]?.arrayValue ?? []) + (pod["initContainers"]?.arrayValue ?? []) {
                #expect(container["imagePullPolicy"] != nil && container["terminationMessagePolicy"] != nil, "\(name)")
            }
        }
    }
}
