import AgentSimCLI
import Foundation

AgentSimTool.removeTemporaryFilesOnInterrupt()

let status = AgentSimTool.main(
  arguments: Array(CommandLine.arguments.dropFirst()), context: .standard())
exit(status.rawValue)
