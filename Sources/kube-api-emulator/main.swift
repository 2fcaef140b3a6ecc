// kube-api-emulator [--port 0] [--kubeconfig-out FILE] [--kubernetes-version 1.31] [--nodes 3]
//
// Starts the API server emulator, prints its URL, optionally writes a kubeconfig, and runs
// until SIGINT or SIGTERM.
import APIServerEmulator
import Foundation
import KubeDefaults

var port = 0
var kubeconfigPath: String?
var versionText = "1.31"
var nodes = 3
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port": port = Int(arguments.popFirst() ?? "") ?? -1
    case "--kubeconfig-out": kubeconfigPath = arguments.popFirst()
    case "--kubernetes-version": versionText = arguments.popFirst() ?? ""
    case "--nodes": nodes = Int(arguments.popFirst() ?? "") ?? -1
    case "-h", "--help":
        print("usage: kube-api-emulator [--port 0] [--kubeconfig-out FILE] [--kubernetes-version 1.31] [--nodes 3]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("error: unknown argument '\(argument)'\n".utf8))
        exit(2)
    }
}
guard port >= 0, port < 65536, nodes >= 0, let version = KubernetesVersion(versionText) else {
    FileHandle.standardError.write(Data("error: invalid --port, --nodes or --kubernetes-version\n".utf8))
    exit(2)
}

let server = try await APIServer.start(version: version, port: port, nodes: nodes)
if let kubeconfigPath { try server.writeKubeconfig(to: kubeconfigPath) }
FileHandle.standardOutput.write(Data((server.url + "\n").utf8))

let (stop, continuation) = AsyncStream<Int32>.makeStream()
var sources: [any DispatchSourceSignal] = []
for signalNumber in [SIGINT, SIGTERM] {
    signal(signalNumber, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
    source.setEventHandler { continuation.yield(signalNumber) }
    source.resume()
    sources.append(source)
}
for await _ in stop { break }
sources.forEach { $0.cancel() }
try await server.shutdown()
