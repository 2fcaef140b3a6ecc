import ArgumentParser

extension RootCommand {
    /// `import git` and `import cluster`: adopt history written before dsledger.
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Adopt existing history: a manifest's git commits, or a live DaemonSet's ControllerRevisions.",
            discussion: """
                Imported revisions are marked in 'history' with their origin: import (git abc1234) or \
                import (cluster NAME-HASH). Running an import again adds only what was not imported yet.

                Examples:
                  dsledger import git deploy/fluent-bit.yaml
                  dsledger import cluster fluent-bit -n logging --context prod
                """,
            subcommands: [ImportGit.self, ImportCluster.self])
    }
}
