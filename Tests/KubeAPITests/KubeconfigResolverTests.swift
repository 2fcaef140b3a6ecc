import Foundation
import KubeAPI
import Testing

/// Resolving a context into a ``ClusterConnection``: TLS settings, credentials, file references.
@Suite(.tags(.small)) struct KubeconfigResolverTests {
    let fixture = KubeconfigFixture()

    @Test func certificateAuthorityFromFile() throws {
        let ca = try fixture.write("pki/ca.crt", Sample.caPEM)
        let file = try fixture.write("conf.yaml", Sample.config(cluster: "server: https://x:6443\ncertificate-authority: \(ca)"))
        #expect(try fixture.connection(kubeconfig: file).certificateAuthority == Data(Sample.caPEM.utf8))
    }

    @Test func certificateAuthorityDataWinsOverTheFile() throws {
        let file = try fixture.write("conf.yaml", Sample.config(cluster: """
            server: https://x:6443
            certificate-authority: does-not-exist.crt
            certificate-authority-data: \(Sample.base64(Sample.caPEM))
            """))
        #expect(try fixture.connection(kubeconfig: file).certificateAuthority == Data(Sample.caPEM.utf8))
    }

    @Test func relativePathsResolveAgainstTheKubeconfigFolder() throws {
        try fixture.write("certs/ca.crt", Sample.caPEM)
        try fixture.write("cfg/pki/client.crt", Sample.certPEM)
        try fixture.write("cfg/pki/client.key", Sample.keyPEM)
        // The first file is listed in KUBECONFIG from another folder; its references stay relative to it.
        let file = try fixture.write("cfg/kubeconfig", Sample.config(
            cluster: "server: https://x:6443\ncertificate-authority: ../certs/ca.crt",
            user: "client-certificate: pki/client.crt\nclient-key: ./pki/client.key"))
        let connection = try fixture.connection(["KUBECONFIG": file])
        #expect(connection.certificateAuthority == Data(Sample.caPEM.utf8))
        #expect(connection.clientCertificate == Data(Sample.certPEM.utf8))
        #expect(connection.clientKey == Data(Sample.keyPEM.utf8))
        #expect(fixture.reads.all.contains(fixture.path("certs/ca.crt")))
        #expect(fixture.reads.all.contains(fixture.path("cfg/pki/client.key")))
    }

    @Test func insecureSkipVerifyAndTLSServerName() throws {
        let file = try fixture.write("conf.yaml", Sample.config(cluster: """
            server: https://10.0.0.1:6443
            insecure-skip-tls-verify: true
            tls-server-name: kubernetes.default
            proxy-url: http://proxy:3128
            """))
        let connection = try fixture.connection(kubeconfig: file)
        #expect(connection.insecureSkipTLSVerify)
        #expect(connection.tlsServerName == "kubernetes.default")
        #expect(connection.proxyURL == "http://proxy:3128")
        #expect(connection.certificateAuthority == nil)
    }

    @Test func insecureSkipVerifyWithACertificateAuthorityIsRejected() throws {
        let file = try fixture.write("conf.yaml", Sample.config(cluster: """
            server: https://x:6443
            insecure-skip-tls-verify: true
            certificate-authority-data: \(Sample.base64(Sample.caPEM))
            """))
        #expect(fixture.failure(kubeconfig: file) == "\(file):5:3: error: clusters[name=dev-cluster].cluster"
            + ".insecure-skip-tls-verify: cannot be combined with a certificate authority; remove one of them")
    }

    @Test func clientCertificateFromData() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: """
            client-certificate-data: \(Sample.base64(Sample.certPEM))
            client-key-data: \(Sample.base64(Sample.keyPEM))
            """))
        let connection = try fixture.connection(kubeconfig: file)
        #expect(connection.clientCertificate == Data(Sample.certPEM.utf8))
        #expect(connection.clientKey == Data(Sample.keyPEM.utf8))
        #expect(connection.bearerToken == nil)
    }

    @Test func clientCertificateWithoutKeyIsRejected() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: "client-certificate-data: \(Sample.base64(Sample.certPEM))"))
        #expect(fixture.failure(kubeconfig: file) == "\(file):9:3: error: users[name=dev-user].user: a client"
            + " certificate needs a client key; set client-key or client-key-data")
    }

    @Test func literalToken() throws {
        let file = try fixture.write("conf.yaml", Sample.config())
        let token = try #require(try fixture.connection(kubeconfig: file).bearerToken)
        #expect(try token.current() == Sample.token)
        #expect(token.tokenFile == nil)
    }

    @Test func tokenFileIsReadAgainEachTime() throws {
        let tokenPath = try fixture.write("tokens/current", "first-token\n")
        let file = try fixture.write("conf.yaml", Sample.config(user: "tokenFile: tokens/current\ntoken: literal-token"))
        let token = try #require(try fixture.connection(kubeconfig: file).bearerToken)
        #expect(token.tokenFile == tokenPath)
        #expect(try token.current() == "first-token")
        try Data("rotated-token".utf8).write(to: URL(fileURLWithPath: tokenPath))
        #expect(try token.current() == "rotated-token")
        // Unreadable now: the last good value is kept rather than failing.
        try FileManager.default.removeItem(atPath: tokenPath)
        #expect(try token.current() == "rotated-token")
        #expect(!token.description.contains("literal-token"))
    }

    @Test func tokenFileMustBeReadableWhenResolving() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: "tokenFile: missing-token"))
        #expect(fixture.failure(kubeconfig: file) == "\(file):11:16: error: users[name=dev-user].user.tokenFile:"
            + " cannot read '\(fixture.path("missing-token"))': no such file")
    }

    @Test func basicAuth() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: "username: admin\npassword: \(Sample.password)"))
        let connection = try fixture.connection(kubeconfig: file)
        #expect(connection.basicAuth == .init(username: "admin", password: Sample.password))
        #expect(!"\(connection) \(connection.basicAuth!)".contains(Sample.password))
    }

    @Test func moreThanOneAuthenticationMethodIsRejected() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: "token: \(Sample.token)\npassword: \(Sample.password)"))
        let message = try #require(fixture.failure(kubeconfig: file))
        #expect(message == "\(file):9:3: error: users[name=dev-user].user: more than one authentication method is"
            + " set (token, basic auth); keep only one")
    }

    @Test func legacyAuthProviderIsRejected() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: "auth-provider: {name: oidc}"))
        #expect(fixture.failure(kubeconfig: file)?.hasSuffix(
            "legacy auth-provider plugins are not supported; configure an exec credential plugin instead") == true)
    }

    @Test func execConfiguration() throws {
        try fixture.write("bin/get-token", "#!/bin/sh\n", executable: true)
        let file = try fixture.write("conf.yaml", Sample.config(cluster: """
            server: https://x:6443
            extensions:
            - name: client.authentication.k8s.io/exec
              extension: {audience: dsledger}
            """, user: """
            exec:
              apiVersion: client.authentication.k8s.io/v1
              command: bin/get-token
              args: [--cluster, dev, "0644"]
              env: [{name: REGION, value: eu-west-1}]
              installHint: brew install get-token
              provideClusterInfo: true
              interactiveMode: Never
            """))
        let connection = try fixture.connection(kubeconfig: file)
        #expect(connection.exec == ExecPluginConfig(
            apiVersion: .v1, command: fixture.path("bin/get-token"), args: ["--cluster", "dev", "0644"],
            env: [.init(name: "REGION", value: "eu-west-1")], installHint: "brew install get-token",
            provideClusterInfo: true, interactiveMode: .never))
        #expect(connection.execExtension == ["audience": "dsledger"])
        #expect(connection.bearerToken == nil)
    }

    @Test func execV1beta1DefaultsInteractiveModeAndKeepsBareCommands() throws {
        let file = try fixture.write("conf.yaml", Sample.config(user: """
            exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: aws}
            """))
        let exec = try #require(try fixture.connection(kubeconfig: file).exec)
        #expect(exec.command == "aws")
        #expect(exec.interactiveMode == .ifAvailable)
        #expect(exec.provideClusterInfo == false)
    }

    @Test func serverWithoutSchemeMeansHTTPS() throws {
        let file = try fixture.write("conf.yaml", Sample.config(cluster: "server: 10.0.0.1:6443"))
        #expect(try fixture.connection(kubeconfig: file).server.absoluteString == "https://10.0.0.1:6443")
    }
}
