import Foundation
import Testing

/// Runs the built `pc-contract` and returns its exit code, standard output and standard error.
func runBuiltTool(_ arguments: [String]) throws -> (code: Int32, stdout: String, stderr: String) {
  let productsDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  var executable = productsDirectory.appendingPathComponent("pc-contract")
  if !FileManager.default.fileExists(atPath: executable.path) {
    // The xctest bundle sits one level deeper on some layouts.
    executable = productsDirectory.deletingLastPathComponent().appendingPathComponent("pc-contract")
  }
  let process = Process()
  process.executableURL = executable
  process.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let stdout = out.fileHandleForReading.readDataToEndOfFile()
  let stderr = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: stdout, as: UTF8.self),
    String(decoding: stderr, as: UTF8.self)
  )
}

@Suite struct EndToEndTests {
  @Test func versionRunsTheBuiltBinary() throws {
    let result = try runBuiltTool(["--version"])
    #expect(result.code == 0)
    #expect(result.stdout.hasPrefix("pc-contract "))
    #expect(result.stderr.isEmpty)
  }

  @Test func unknownOptionExitsTwoWithAOneLineError() throws {
    let result = try runBuiltTool(["--no-such-option"])
    #expect(result.code == 2)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.split(separator: "\n").count == 1)
  }
}
