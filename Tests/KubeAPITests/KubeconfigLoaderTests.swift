import Foundation
import KubeAPI
import Testing

@Suite(.tags(.small)) struct KubeconfigLoaderTests {
    let fixture = KubeconfigFixture()

    @Test func readsTheDefaultFileInTheHomeFolder() throws {
        try fixture.write("home/.kube/config", Sample.config(namespace: "team-a"))
        let connection = try fixture.connection()
        #expect(connection.server.absoluteString == "https://dev.example:6443")
        #expect(connection.source == .kubeconfig(context: "dev", files: [fixture.path("home/.kube/config")]))
        #expect(connection.clusterName == "dev-cluster")
        #expect(connection.userName == "dev-user")
        #expect(connection.namespace == "team-a")
        #expect(try connection.bearerToken?.current() == Sample.token)
    }

    @Test func namespaceDefaultsToDefault() throws {
        let file = try fixture.write("one.yaml", Sample.config())
        #expect(try fixture.connection(kubeconfig: file).namespace == "default")
    }

    @Test func mergesKubeconfigListFirstFileWins() throws {
        // a.yaml sets no current-context; b.yaml does, and redefines a's cluster and user.
        let a = try fixture.write("a.yaml", """
            clusters:
            - name: shared
              cluster: {server: "https://from-a:6443"}
            users:
            - name: shared-user
              user: {token: token-a}
            contexts:
            - name: ctx-a
              context: {cluster: shared, user: shared-user, namespace: ns-a}
            """)
        let b = try fixture.write("b.yaml", """
            current-context: ctx-b
            clusters:
            - name: shared
              cluster: {server: "https://from-b:6443", tls-server-name: only-in-b}
            - name: b-only
              cluster: {server: "https://b-only:6443"}
            users:
            - name: shared-user
              user: {token: token-b}
            contexts:
            - name: ctx-a
              context: {cluster: b-only, namespace: ns-b}
            - name: ctx-b
              context: {cluster: shared, user: shared-user}
            """)
        let c = try fixture.write("c.yaml", "current-context: ctx-a\n")
        let env = ["KUBECONFIG": "\(a):\(fixture.path("missing.yaml")):\(b)::\(c):\(a)"]
        let config = try fixture.loader(env).load()
        #expect(config.files == [a, b, c])
        #expect(config.currentContext == "ctx-b")

        let current = try fixture.connection(env)
        #expect(current.source == .kubeconfig(context: "ctx-b", files: [a, b, c]))
        #expect(current.server.absoluteString == "https://from-a:6443")
        #expect(current.tlsServerName == nil, "entries are not merged field by field")
        #expect(try current.bearerToken?.current() == "token-a")
        #expect(current.namespace == "default")

        let other = try fixture.connection(env, context: "ctx-a")
        #expect(other.namespace == "ns-a")
        #expect(other.server.absoluteString == "https://from-a:6443")
    }

    @Test func emptyKubeconfigEntriesAndDuplicatesAreIgnored() {
        let loader = fixture.loader(["KUBECONFIG": "::/x/a:/x/b:/x/a:"])
        #expect(loader.kubeconfigPaths(explicit: nil) == ["/x/a", "/x/b"])
    }

    @Test func kubeconfigListReplacesTheDefaultFile() throws {
        try fixture.write("home/.kube/config", Sample.config(cluster: "server: https://home:6443"))
        let listed = try fixture.write("listed.yaml", Sample.config(cluster: "server: https://listed:6443"))
        let connection = try fixture.connection(["KUBECONFIG": listed])
        #expect(connection.server.absoluteString == "https://listed:6443")
    }

    @Test func explicitKubeconfigOverridesTheEnvironmentAndIsUsedAlone() throws {
        let listed = try fixture.write("listed.yaml", Sample.config(cluster: "server: https://listed:6443"))
        let explicit = try fixture.write("explicit.yaml", Sample.config(current: nil, context: "other",
                                                                         cluster: "server: https://explicit:6443"))
        let env = ["KUBECONFIG": listed]
        let connection = try fixture.connection(env, kubeconfig: explicit, context: "other")
        #expect(connection.server.absoluteString == "https://explicit:6443")
        #expect(fixture.failure(env, kubeconfig: explicit) == "\(explicit): error: no current-context is set;"
            + " pass --context or run 'kubectl config use-context NAME'")
    }

    @Test func explicitKubeconfigMustExist() {
        let missing = fixture.path("nope.yaml")
        #expect(fixture.failure(kubeconfig: missing)
            == "\(missing): error: the kubeconfig file does not exist; check the --kubeconfig path")
    }

    @Test func contextOptionSelectsAnotherContext() throws {
        let file = try fixture.write("two.yaml", """
            current-context: a
            clusters:
            - {name: ca, cluster: {server: "https://a:1"}}
            - {name: cb, cluster: {server: "https://b:2"}}
            contexts:
            - {name: a, context: {cluster: ca}}
            - {name: b, context: {cluster: cb, namespace: kube-system}}
            """)
        #expect(try fixture.connection(kubeconfig: file).server.absoluteString == "https://a:1")
        let b = try fixture.connection(kubeconfig: file, context: "b")
        #expect(b.server.absoluteString == "https://b:2")
        #expect(b.namespace == "kube-system")
        #expect(b.userName == nil)
        #expect(b.description == "context 'b', server https://b:2, namespace 'kube-system', anonymous")
    }

    @Test func allListedFilesMissingAndNotInClusterIsAnError() {
        let env = ["KUBECONFIG": "/nonexistent/a:/nonexistent/b"]
        #expect(fixture.failure(env) == "error: no kubeconfig found (looked for '/nonexistent/a', '/nonexistent/b')"
            + " and not running inside a cluster; pass --kubeconfig or set KUBECONFIG")
    }

    @Test func unreadableFileIsNotSkipped() throws {
        // A folder where a file should be: it exists, so it is an error rather than skipped.
        try FileManager.default.createDirectory(atPath: fixture.path("dir.yaml"), withIntermediateDirectories: true)
        let message = try #require(fixture.failure(["KUBECONFIG": fixture.path("dir.yaml")]))
        #expect(message.hasPrefix("\(fixture.path("dir.yaml")): error: cannot read the file: "))
    }

    @Test func emptyFileIsAnEmptyConfig() throws {
        let file = try fixture.write("empty.yaml", "")
        #expect(try fixture.loader().load(explicitPath: file) == Kubeconfig(files: [file]))
    }
}
