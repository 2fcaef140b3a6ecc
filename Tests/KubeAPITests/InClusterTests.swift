import Foundation
import KubeAPI
import Testing

/// The in-cluster service account, through the loader's file seam.
@Suite(.tags(.small)) struct InClusterTests {
    let fixture = KubeconfigFixture()
    let inPod = ["KUBERNETES_SERVICE_HOST": "10.96.0.1", "KUBERNETES_SERVICE_PORT": "443"]
    let tokenPath = KubeconfigLoader.serviceAccountFolder + "/token"

    @Test func usesTheServiceAccountWhenNoKubeconfigExists() throws {
        let token = try fixture.write("serviceaccount/token", "sa-token-1\n")
        try fixture.write("serviceaccount/ca.crt", Sample.caPEM)
        try fixture.write("serviceaccount/namespace", "monitoring\n")
        let connection = try fixture.connection(inPod)
        #expect(connection.source == .inCluster)
        #expect(connection.server.absoluteString == "https://10.96.0.1:443")
        #expect(connection.certificateAuthority == Data(Sample.caPEM.utf8))
        #expect(connection.namespace == "monitoring")
        let bearer = try #require(connection.bearerToken)
        #expect(bearer.tokenFile == tokenPath)
        #expect(try bearer.current() == "sa-token-1")
        try Data("sa-token-2".utf8).write(to: URL(fileURLWithPath: token))
        #expect(try bearer.current() == "sa-token-2", "projected tokens rotate, so the file is read again")
    }

    @Test func missingCAAndNamespaceFallBack() throws {
        try fixture.write("serviceaccount/token", "t")
        let connection = try fixture.connection(inPod)
        #expect(connection.certificateAuthority == nil)
        #expect(connection.namespace == "default")
    }

    @Test func bracketsIPv6Hosts() throws {
        try fixture.write("serviceaccount/token", "t")
        let connection = try fixture.connection(["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"])
        #expect(connection.server.absoluteString == "https://[fd00::1]:6443")
    }

    @Test func needsBothHostAndPort() throws {
        #expect(try fixture.loader(["KUBERNETES_SERVICE_HOST": "10.96.0.1"]).inClusterConnection() == nil)
        #expect(try fixture.loader(["KUBERNETES_SERVICE_PORT": "443"]).inClusterConnection() == nil)
    }

    @Test func unreadableTokenIsAnError() {
        #expect(fixture.failure(inPod) == "\(tokenPath): error: cannot read the service-account token: no such file")
    }

    @Test func kubeconfigWinsOverInCluster() throws {
        try fixture.write("serviceaccount/token", "t")
        try fixture.write("home/.kube/config", Sample.config())
        #expect(try fixture.connection(inPod).server.absoluteString == "https://dev.example:6443")
    }
}
