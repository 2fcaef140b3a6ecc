// kube-api-emulator [--port 0] [--kubeconfig-out FILE] [--kubernetes-version 1.31] [--nodes 3] [--nodes-file FILE]
//
// Starts the API server emulator, prints its URL, optionally writes a kubeconfig, and runs
// until SIGINT or SIGTERM. --nodes-file registers the nodes of a YAML/JSON file (labels, taints,
// allocatable, conditions, unschedulable) instead of node-1…node-N, unless --nodes is given too.
import APIServerEmulator
import Foundation
import KubernetesRules

var port = 0
var kubeconfigPath: String?
var versionText = "1.31"
var nodes: Int?
var nodesFile: String?
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--port": port = Int(arguments.popFirst() ?? "") ?? -1
    case "--kubeconfig-out": kubeconfigPath = arguments.popFirst()
    case "--kubernetes-version": versionText = arguments.popFirst() ?? ""
    case "--nodes": nodes = Int(arguments.popFirst() ?? "") ?? -1
    case "--nodes-file": nodesFile = arguments.popFirst()
    case "-h", "--help":
        print("usage: kube-api-emulator [--port 0] [--kubeconfig-out FILE] [--kubernetes-version 1.31] [--nodes 3] [--nodes-file FILE]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("error: unknown argument '\(argument)'\n".utf8))
        exit(2)
    }
}
guard port >= 0, port < 65536, (nodes ?? 0) >= 0, let version = KubernetesVersion(versionText) else {
    FileHandle.standardError.write(Data("error: invalid --port, --nodes or --kubernetes-version\n".utf8))
    exit(2)
}

var nodesText: String?
if let nodesFile {
    guard let text = try? String(contentsOfFile: nodesFile, encoding: .utf8) else {
        FileHandle.standardError.write(Data("error: cannot read the nodes file '\(nodesFile)'\n".utf8))
        exit(2)
    }
    do {
        _ = try NodeFile.nodes(fromText: text)
    } catch {
        FileHandle.standardError.write(Data("error: \(nodesFile): \(error)\n".utf8))
        exit(2)
    }
    nodesText = text
}

let server = try await APIServer.start(version: version, port: port, nodes: nodes ?? (nodesFile == nil ? 3 : 0))
if let nodesText { try server.putNodes(fromText: nodesText) }
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
