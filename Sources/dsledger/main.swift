import Commands
import Foundation

let code = await RootCommand.run(arguments: Array(CommandLine.arguments.dropFirst()))
exit(code)
