import AgentSimCLI
import Foundation

let status = AgentSimTool.main(
  arguments: Array(CommandLine.arguments.dropFirst()), context: .standard())
exit(status.rawValue)
