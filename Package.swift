// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dsledger",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "dsledger", targets: ["dsledger"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
    ],
    targets: [
        // Pure tree values, paths, locations and canonical YAML/JSON.
        .target(
            name: "ObjectModel",
            dependencies: [
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // Decode and validate a KubernetesDaemonSet manifest. Pure.
        .target(name: "ManifestModel", dependencies: ["ObjectModel", "KubernetesRules"]),
        // Manifest -> Kubernetes objects. Pure.
        .target(name: "Rendering", dependencies: ["ManifestModel", "ObjectModel", "KubernetesRules"]),
        // Best-practice findings over a manifest. Pure.
        .target(name: "Linting", dependencies: ["ManifestModel", "ObjectModel"]),
        // Compare objects the way Kubernetes merges them; line diffs; diff output. Pure.
        .target(name: "StructuralDiff", dependencies: ["ObjectModel", "KubernetesRules"]),
        // Revisions, sealing of secrets, digests and the store interface the commands use. Pure.
        .target(
            name: "Ledger",
            dependencies: ["ManifestModel", "ObjectModel", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // SQLite's defensive mode (sqlite3_db_config is variadic: Swift cannot call it). Links the
        // system libsqlite3, as GRDB does.
        .target(name: "CSQLiteDefensive", linkerSettings: [.linkedLibrary("sqlite3")]),
        // Signed checkpoints of every release's chain head (Ed25519, PEM keys) and the check
        // that the ledger still extends one. Reads key files only.
        .target(
            name: "Checkpoints",
            dependencies: [
                "Ledger", "ObjectModel",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ]
        ),
        // The SQLite revision store (GRDB) and its embedded migrations.
        .target(
            name: "History",
            dependencies: [
                "Ledger", "ObjectModel", "CSQLiteDefensive", "StoreLocation",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CompressNIO", package: "compress-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // Where the ledger is: a SQLite file path or a PostgreSQL URL, read with libpq's conventions. Pure.
        .target(name: "StoreLocation"),
        // The team ledger on PostgreSQL (postgres-nio) and its embedded migrations.
        .target(
            name: "PostgresStore",
            dependencies: [
                "Ledger", "History", "ObjectModel", "StoreLocation",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // `import git`'s stages (parse, validate, render, seal) and the plan of what to record.
        .target(name: "Importing", dependencies: ["ObjectModel", "ManifestModel", "Rendering", "Ledger"]),
        // The audit report: a view model read from the store, then one renderer per format (HTML
        // with Plot, JSON, Markdown). Reads the store; writes nothing.
        .target(
            name: "AuditReport",
            dependencies: [
                "Ledger", "ObjectModel", "StructuralDiff",
                .product(name: "Plot", package: "Plot"),
            ]
        ),
        // argument-parser commands, output and wiring.
        .target(
            name: "Commands",
            dependencies: [
                "ObjectModel", "ManifestModel", "Rendering", "Linting", "Ledger", "History", "StructuralDiff",
                "StoreLocation", "PostgresStore", "KubeAPI", "KubernetesRules", "DriftDetection", "Troubleshooting", "Importing",
                "Checkpoints", "AuditReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // kubeconfig loading, credentials and REST calls to the cluster (AsyncHTTPClient).
        .target(
            name: "KubeAPI",
            dependencies: [
                "ObjectModel",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // What the API server does, in one place: defaults per Kubernetes version, merge keys,
        // quantities and scheduling predicates (for diff, drift, doctor and the emulator). Pure.
        .target(name: "KubernetesRules", dependencies: ["ObjectModel"]),
        // Live objects vs applied objects: normalisation, classification, attribution. Pure.
        .target(name: "DriftDetection", dependencies: ["ObjectModel", "KubernetesRules", "StructuralDiff"]),
        // Why a DaemonSet's pods do not land or keep crashing: placement, rollout, pods, events. Pure.
        .target(name: "Troubleshooting", dependencies: ["ObjectModel", "KubernetesRules"]),
        // A release build exports no symbols: the Swift toolchain's static-stdlib link exports every
        // one (58,000 here), which the dynamic loader and the runtime's start-up `dladdr` then
        // walk on every run. See docs/benchmarks.md, "Start-up".
        .executableTarget(
            name: "dsledger",
            dependencies: ["Commands"],
            exclude: ["exports.map"],
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--version-script=\(Context.packageDirectory)/Sources/dsledger/exports.map"],
                             .when(platforms: [.linux], configuration: .release)),
            ]
        ),
        // The Kubernetes API server emulator for tests and kubectl; nothing in production imports it.
        .target(
            name: "APIServerEmulator",
            dependencies: [
                "ObjectModel", "KubernetesRules",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(name: "kube-api-emulator", dependencies: ["APIServerEmulator", "KubernetesRules"]),
        // Benchmarks of the ledger (scripts/bench-ledger); not part of the tests.
        .executableTarget(
            name: "ledger-bench",
            dependencies: ["History", "Importing", "Ledger", "ManifestModel", "ObjectModel", "Rendering", "StructuralDiff"]
        ),

        // Helpers shared by the test targets (seeded RNG, temporary folders, child processes).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // Starts the API server emulator for a test and always stops it (withAPIServer).
        // Sealed revision drafts built the way `render` builds them, for the store tests.
        .target(name: "LedgerTestSupport", dependencies: ["Ledger", "ObjectModel"], path: "Tests/LedgerTestSupport"),
        // Starts a throwaway PostgreSQL server for a test and always stops it (withPostgresServer).
        .target(name: "PostgresTestSupport", dependencies: ["TestSupport"], path: "Tests/PostgresTestSupport"),
        .target(
            name: "EmulatorTestSupport",
            dependencies: ["APIServerEmulator", "KubernetesRules", "TestSupport"],
            path: "Tests/EmulatorTestSupport"
        ),

        .testTarget(name: "ObjectModelTests", dependencies: ["ObjectModel", "TestSupport"]),
        .testTarget(
            name: "ManifestModelTests",
            dependencies: ["ManifestModel", "ObjectModel", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "RenderingTests",
            dependencies: ["Rendering", "ManifestModel", "ObjectModel", "TestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "LintingTests", dependencies: ["Linting", "ManifestModel", "ObjectModel"]),
        .testTarget(name: "StructuralDiffTests", dependencies: ["StructuralDiff", "ObjectModel", "Rendering", "ManifestModel", "TestSupport"]),
        .testTarget(name: "LedgerTests", dependencies: ["Ledger", "ManifestModel", "ObjectModel", "TestSupport"]),
        .testTarget(name: "CheckpointsTests", dependencies: ["Checkpoints", "Ledger", "ObjectModel", "TestSupport"]),
        .testTarget(name: "HistoryTests", dependencies: ["History", "Ledger", "ObjectModel", "TestSupport", "LedgerTestSupport"]),
        // The store contract: every behaviour of the store interface, on the SQLite file and on PostgreSQL.
        .testTarget(
            name: "StoreContractTests",
            dependencies: ["History", "PostgresStore", "Ledger", "ObjectModel", "StoreLocation", "TestSupport", "LedgerTestSupport",
                           "PostgresTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "CommandsTests",
            dependencies: ["Commands", "History", "Importing", "Ledger", "ObjectModel", "TestSupport", "APIServerEmulator", "EmulatorTestSupport",
                           "PostgresTestSupport"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "KubernetesRulesTests",
            dependencies: ["KubernetesRules", "ObjectModel", "Rendering", "ManifestModel"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ImportingTests",
            dependencies: ["Importing", "Ledger", "ManifestModel", "ObjectModel", "Rendering", "TestSupport"]
        ),
        .testTarget(
            name: "APIServerEmulatorTests",
            dependencies: ["APIServerEmulator", "KubernetesRules", "ObjectModel", "TestSupport", "EmulatorTestSupport"]
        ),
        .testTarget(
            name: "KubeAPITests",
            dependencies: ["KubeAPI", "ObjectModel", "TestSupport", "APIServerEmulator", "EmulatorTestSupport",
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio")]
        ),
        .testTarget(name: "DriftDetectionTests", dependencies: ["DriftDetection", "ObjectModel", "KubernetesRules"]),
        .testTarget(name: "StoreLocationTests", dependencies: ["StoreLocation"]),
        .testTarget(name: "TroubleshootingTests", dependencies: ["Troubleshooting", "ObjectModel", "KubernetesRules"]),
    ],
    swiftLanguageModes: [.v6]
)
