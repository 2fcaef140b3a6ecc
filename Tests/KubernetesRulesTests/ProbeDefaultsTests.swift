import KubernetesRules
import ObjectModel
import Testing

@Suite struct ProbeDefaultsTests {
    typealias ProbeCase = DefaultingCase

    static let cases: [ProbeCase] = [
        .init(name: "httpGet", given: "{httpGet: {port: 8080}}",
              expected: "{httpGet: {port: 8080, path: /, scheme: HTTP}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}"),
        .init(name: "httpGet keeps given values", given: "{httpGet: {port: http, path: /live, scheme: HTTPS, host: 127.0.0.1}, initialDelaySeconds: 3}",
              expected: "{httpGet: {port: http, path: /live, scheme: HTTPS, host: 127.0.0.1}, initialDelaySeconds: 3, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}"),
        .init(name: "zeros are unset", given: "{tcpSocket: {port: 80}, timeoutSeconds: 0, periodSeconds: 0, successThreshold: 0, failureThreshold: 0, initialDelaySeconds: 0}",
              expected: "{tcpSocket: {port: 80}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, initialDelaySeconds: 0}"),
        .init(name: "given thresholds kept", given: "{exec: {command: [ok]}, timeoutSeconds: 5, periodSeconds: 30, successThreshold: 2, failureThreshold: 10}",
              expected: "{exec: {command: [ok]}, timeoutSeconds: 5, periodSeconds: 30, successThreshold: 2, failureThreshold: 10}"),
        .init(name: "grpc 1.24+", version: "1.24", given: "{grpc: {port: 9000}}",
              expected: "{grpc: {port: 9000, service: ''}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}"),
        .init(name: "grpc service kept", version: "1.30", given: "{grpc: {port: 9000, service: health}}",
              expected: "{grpc: {port: 9000, service: health}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}"),
        .init(name: "grpc before 1.24", version: "1.23", given: "{grpc: {port: 9000}}",
              expected: "{grpc: {port: 9000}, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3}"),
    ]

    @Test(arguments: cases)
    func defaultsEveryProbeKind(_ example: ProbeCase) throws {
        for key in ["livenessProbe", "readinessProbe", "startupProbe"] {
            let container = try defaultedContainer("name: a\nimage: a:1\n\(key): \(example.given)", version: example.version)
            #expect(differences(container[key], try yaml(example.expected)) == [], "\(key)")
        }
    }
}
