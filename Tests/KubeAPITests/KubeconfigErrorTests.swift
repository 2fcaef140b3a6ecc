import Foundation
import KubeAPI
import ObjectModel
import Testing

/// Messages name the file and `line:column`, say what to do, and never show a secret.
@Suite(.tags(.small)) struct KubeconfigErrorTests {
    let fixture = KubeconfigFixture()

    @Test func malformedYAMLNamesFileLineAndColumn() throws {
        let file = try fixture.write("broken.yaml", """
            apiVersion: v1
            clusters:
            - name: a
              cluster: {server: "https://a:1"
            users: []
            """)
        let message = try #require(fixture.failure(kubeconfig: file))
        #expect(message.hasPrefix("\(file):5:"))
        #expect(message.contains(": error: the kubeconfig is not valid YAML: "))
    }

    @Test func wrongShapeNamesTheFieldAndPosition() throws {
        let file = try fixture.write("shape.yaml", """
            clusters:
            - name: a
              cluster:
                server: [https://a:1]
            """)
        #expect(fixture.failure(kubeconfig: file)
            == "\(file):4:13: error: clusters[name=a].cluster.server: expected a string, found a list")
    }

    @Test(arguments: [
        ("kind: Secret\n", "1:7: error: kind: expected 'Config', found 'Secret'"),
        ("clusters: {a: 1}\n", "1:11: error: clusters: expected a list, found a mapping"),
        ("clusters:\n- cluster: {server: x}\n", "2:3: error: clusters[0].name: required; give every entry a name"),
        ("contexts:\n- {name: a}\n- {name: a}\n", "3:10: error: contexts[name=a]: duplicate name 'a' in this file"),
        ("clusters:\n- {name: a, cluster: {insecure-skip-tls-verify: 'yes'}}\n",
         "2:49: error: clusters[name=a].cluster.insecure-skip-tls-verify: expected true or false, found a string"),
        ("users:\n- {name: u, user: {exec: {command: x}}}\n",
         "2:26: error: users[name=u].user.exec.apiVersion: required; use one of"
            + " 'client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'"),
        ("users:\n- {name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}}\n",
         "2:39: error: users[name=u].user.exec.apiVersion: unsupported value 'client.authentication.k8s.io/v1alpha1';"
            + " use one of 'client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'"),
        ("users:\n- {name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: x}}}\n",
         "2:26: error: users[name=u].user.exec.interactiveMode: required for client.authentication.k8s.io/v1;"
            + " use one of 'Never', 'IfAvailable', 'Always'"),
    ])
    func invalidFields(text: String, expected: String) throws {
        let file = try fixture.write("bad.yaml", text)
        #expect(fixture.failure(kubeconfig: file) == "\(file):\(expected)")
    }

    @Test func unknownContextListsTheFiles() throws {
        let a = try fixture.write("a.yaml", Sample.config())
        let b = try fixture.write("b.yaml", "{}\n")
        #expect(fixture.failure(["KUBECONFIG": "\(a):\(b)"], context: "prod")
            == "\(a), \(b): error: context 'prod' is not defined; run 'kubectl config get-contexts' to list the contexts")
    }

    @Test func contextReferringToAMissingClusterOrUser() throws {
        let file = try fixture.write("conf.yaml", """
            contexts:
            - name: c
              context: {cluster: gone, user: nobody}
            """)
        #expect(fixture.failure(kubeconfig: file, context: "c")
            == "\(file):2:3: error: contexts[name=c].context.cluster: cluster 'gone' is not defined in any kubeconfig file")
    }

    @Test func missingServer() throws {
        let file = try fixture.write("conf.yaml", Sample.config(cluster: "tls-server-name: x"))
        #expect(fixture.failure(kubeconfig: file)
            == "\(file):5:3: error: clusters[name=dev-cluster].cluster.server: required; give the API server's URL")
    }

    @Test func unreadableCertificateAuthorityNamesBothFiles() throws {
        let file = try fixture.write("conf.yaml", Sample.config(cluster: "server: https://x:1\ncertificate-authority: ca.pem"))
        #expect(fixture.failure(kubeconfig: file) == "\(file):8:28: error: clusters[name=dev-cluster].cluster"
            + ".certificate-authority: cannot read '\(fixture.path("ca.pem"))': no such file")
    }

    @Test func secretsNeverAppearInMessages() throws {
        let secretData = Sample.base64(Sample.keyPEM)
        let cases = [
            // Bad base64 in key data: the value is not echoed.
            Sample.config(user: "client-certificate-data: \(Sample.base64(Sample.certPEM))\nclient-key-data: \(secretData)!!"),
            // Conflicting methods with a token and a password.
            Sample.config(user: "token: \(Sample.token)\nusername: admin\npassword: \(Sample.password)"),
            // A token in a malformed document.
            "users:\n- name: u\n  user: {token: \(Sample.token), password: \(Sample.password)\n",
            // A password where a mapping is expected.
            "users:\n- name: u\n  user: \(Sample.password)\n",
        ]
        for (index, text) in cases.enumerated() {
            let file = try fixture.write("secret-\(index).yaml", text)
            let message = try #require(fixture.failure(kubeconfig: file, context: "dev"))
            for secret in [Sample.token, Sample.password, secretData, "S0VZLVNFQ1JFVA", "KEY-SECRET"] {
                #expect(!message.contains(secret), "case \(index): \(message)")
            }
        }
    }

    @Test func connectionDescriptionHidesCredentials() throws {
        let file = try fixture.write("conf.yaml", Sample.config())
        let connection = try fixture.connection(kubeconfig: file)
        #expect(connection.description
            == "context 'dev', server https://dev.example:6443, namespace 'default', bearer token")
        #expect(!"\(connection.bearerToken!)".contains(Sample.token))
    }
}
