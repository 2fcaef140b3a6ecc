import ObjectModel

/// One step into a raw value: a member of an object or an item of an array.
enum RawStep: Hashable {
    case member(String)
    case item(Int)
}

extension JSONValue {
    /// The paths of every scalar under this value.
    func leafPaths(_ prefix: [RawStep] = []) -> [[RawStep]] {
        switch self {
        case .object(let members):
            return members.sortedByKey().flatMap { $0.value.leafPaths(prefix + [.member($0.key)]) }
        case .array(let items):
            return items.enumerated().flatMap { $1.leafPaths(prefix + [.item($0)]) }
        default:
            return [prefix]
        }
    }

    func value(at steps: [RawStep]) -> JSONValue? {
        var current: JSONValue? = self
        for step in steps {
            switch step {
            case .member(let name): current = current?[name]
            case .item(let offset): current = current?.arrayValue.flatMap { $0.indices.contains(offset) ? $0[offset] : nil }
            }
        }
        return current
    }

    /// Runs `body` on the value at `steps`; a missing member starts as null.
    mutating func modify(at steps: ArraySlice<RawStep>, _ body: (inout JSONValue) -> Void) {
        guard let step = steps.first else { return body(&self) }
        switch (self, step) {
        case (.object(var members), .member(let name)):
            var child = members[name] ?? .null
            child.modify(at: steps.dropFirst(), body)
            members[name] = child
            self = .object(members)
        case (.array(var items), .item(let offset)) where items.indices.contains(offset):
            items[offset].modify(at: steps.dropFirst(), body)
            self = .array(items)
        default:
            return
        }
    }
}

/// Random, deterministic edits of rendered objects: the kinds of change a revision brings.
struct RandomEditor {
    var random: SeededGenerator
    private var counter = 0

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    private mutating func fresh() -> Int {
        counter += 1
        return counter
    }

    private mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &random)]
    }

    private static let podSpec: [RawStep] = [.member("spec"), .member("template"), .member("spec")]

    /// Every container and init container of every DaemonSet: (object, steps).
    private static func containers(_ objects: [JSONValue]) -> [(Int, [RawStep])] {
        objects.enumerated().flatMap { offset, object -> [(Int, [RawStep])] in
            guard object["kind"] == "DaemonSet" else { return [] }
            return ["containers", "initContainers"].flatMap { list -> [(Int, [RawStep])] in
                let steps = podSpec + [.member(list)]
                let count = object.value(at: steps)?.arrayValue?.count ?? 0
                return (0..<count).map { (offset, steps + [.item($0)]) }
            }
        }
    }

    /// Applies one random edit, and says which.
    @discardableResult
    mutating func edit(_ objects: inout [JSONValue]) -> String {
        let choice = Int.random(in: 0..<16, using: &random)
        switch choice {
        case 0, 1: return changeScalar(&objects, toString: false)
        case 2: return changeScalar(&objects, toString: true)
        case 3: return insertItem(&objects, list: "env", item: ["name": .string("E\(fresh())"), "value": "x"])
        case 4:
            let number = fresh()
            let path: JSONValue = .string(number % 3 == 0 ? "/mnt/\(number),ro" : "/mnt/\(number)")
            return insertItem(&objects, list: "volumeMounts", item: ["name": .string("m\(number)"), "mountPath": path])
        case 5:
            var port: JSONValue = ["containerPort": .int(Int64(10_000 + fresh()))]
            if let proto = pick([JSONValue.null, "TCP", "UDP"]), proto != .null { port["protocol"] = proto }
            return insertItem(&objects, list: "ports", item: port)
        case 6: return removeItem(&objects, list: pick(["env", "volumeMounts", "ports"]) ?? "env")
        case 7: return shuffle(&objects, list: pick(["env", "env", "volumeMounts", "ports"]) ?? "env")
        case 8: return toleration(&objects, add: true)
        case 9: return toleration(&objects, add: false)
        case 10, 11: return editConfigMap(&objects)
        case 12:
            guard let offset = pick(Array(objects.indices)) else { return "nothing to remove" }
            objects.remove(at: offset)
            return "removed an object"
        case 13:
            let number = fresh()
            let object: JSONValue = number % 2 == 0
                ? ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("extra-\(number)"), "namespace": "logging"],
                   "data": ["conf": "a = 1\nb = 2\n"]]
                : ["apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRole", "metadata": ["name": .string("extra-\(number)")],
                   "rules": [["apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list"]]]]
            objects.insert(object, at: Int.random(in: 0...objects.count, using: &random))
            return "added an object"
        case 14: return shuffle(&objects, list: "containers")
        default: return capabilities(&objects)
        }
    }

    private mutating func changeScalar(_ objects: inout [JSONValue], toString: Bool) -> String {
        let leaves = objects.indices.flatMap { offset in objects[offset].leafPaths().map { (offset, $0) } }
            .filter { !toString || objects[$0.0].value(at: $0.1)?.intValue != nil }
        guard let (offset, steps) = pick(leaves) else { return "no scalar" }
        let number = fresh()
        objects[offset].modify(at: steps[...]) { value in
            switch value {
            case .int(let old): value = toString ? .string("\(old)%") : .int(old + Int64(number))
            case .bool(let flag): value = .bool(!flag)
            default: value = .string("v\(number)")
            }
        }
        return "changed \(steps)"
    }

    private mutating func insertItem(_ objects: inout [JSONValue], list: String, item: JSONValue) -> String {
        guard let (offset, steps) = pick(Self.containers(objects)) else { return "no container" }
        var position = 0
        let count = objects[offset].value(at: steps + [.member(list)])?.arrayValue?.count ?? 0
        position = Int.random(in: 0...count, using: &random)
        objects[offset].modify(at: steps[...] + [.member(list)]) { value in
            var items = value.arrayValue ?? []
            items.insert(item, at: position)
            value = .array(items)
        }
        return "inserted into \(list)"
    }

    private mutating func removeItem(_ objects: inout [JSONValue], list: String) -> String {
        let candidates = Self.containers(objects).filter { !(objects[$0.0].value(at: $0.1 + [.member(list)])?.arrayValue ?? []).isEmpty }
        guard let (offset, steps) = pick(candidates) else { return "nothing in \(list)" }
        let count = objects[offset].value(at: steps + [.member(list)])?.arrayValue?.count ?? 0
        let position = Int.random(in: 0..<count, using: &random)
        objects[offset].modify(at: steps[...] + [.member(list)]) { value in
            guard var items = value.arrayValue else { return }
            items.remove(at: position)
            value = .array(items)
        }
        return "removed from \(list)"
    }

    private mutating func shuffle(_ objects: inout [JSONValue], list: String) -> String {
        var candidates = Self.containers(objects).map { ($0.0, $0.1 + [.member(list)]) }
        if list == "containers" {
            candidates = objects.indices.filter { objects[$0]["kind"] == "DaemonSet" }.map { ($0, Self.podSpec + [.member(list)]) }
        }
        candidates = candidates.filter { (objects[$0.0].value(at: $0.1)?.arrayValue?.count ?? 0) > 1 }
        guard let (offset, steps) = pick(candidates) else { return "nothing to shuffle in \(list)" }
        var generator = random
        objects[offset].modify(at: steps[...]) { value in
            value = .array((value.arrayValue ?? []).shuffled(using: &generator))
        }
        random = generator
        return "shuffled \(list)"
    }

    private mutating func toleration(_ objects: inout [JSONValue], add: Bool) -> String {
        guard let offset = pick(objects.indices.filter { objects[$0]["kind"] == "DaemonSet" }) else { return "no DaemonSet" }
        let steps = Self.podSpec + [.member("tolerations")]
        let count = objects[offset].value(at: steps)?.arrayValue?.count ?? 0
        if !add && count == 0 { return "no toleration" }
        let position = add ? Int.random(in: 0...count, using: &random) : Int.random(in: 0..<count, using: &random)
        let item: JSONValue = ["key": .string("k\(fresh())"), "operator": "Exists", "effect": "NoSchedule"]
        objects[offset].modify(at: steps[...]) { value in
            var items = value.arrayValue ?? []
            if add { items.insert(item, at: position) } else { items.remove(at: position) }
            value = .array(items)
        }
        return add ? "added a toleration" : "removed a toleration"
    }

    private mutating func capabilities(_ objects: inout [JSONValue]) -> String {
        guard let (offset, steps) = pick(Self.containers(objects)) else { return "no container" }
        let list = pick(["add", "drop"]) ?? "add"
        let path = steps + [.member("securityContext"), .member("capabilities"), .member(list)]
        let name = JSONValue.string("CAP_\(fresh())")
        var generator = random
        objects[offset].modify(at: steps[...] + [.member("securityContext")]) { context in
            if context == .null { context = [:] }
            context.modify(at: [.member("capabilities")][...]) { capabilities in
                if capabilities == .null { capabilities = [:] }
                capabilities.modify(at: [.member(list)][...]) { items in
                    items = .array(((items.arrayValue ?? []) + [name]).shuffled(using: &generator))
                }
            }
        }
        random = generator
        return "capability in \(path)"
    }

    private mutating func editConfigMap(_ objects: inout [JSONValue]) -> String {
        let entries = objects.indices.filter { objects[$0]["kind"] == "ConfigMap" }.flatMap { offset in
            (objects[offset]["data"]?.objectValue ?? [:]).keys.sorted().map { (offset, $0) }
        }
        guard let (offset, key) = pick(entries) else { return "no ConfigMap data" }
        var lines = (objects[offset]["data"]?[key]?.stringValue ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let position = Int.random(in: 0..<max(lines.count, 1), using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: lines.insert("inserted \(fresh())", at: position)
        case 1 where lines.count > 1: lines.remove(at: position)
        default: lines[position] = "edited \(fresh())"
        }
        objects[offset].modify(at: [.member("data"), .member(key)]) { $0 = .string(lines.joined(separator: "\n")) }
        return "edited ConfigMap data \(key)"
    }
}
