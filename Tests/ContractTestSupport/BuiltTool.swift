import Foundation

/// What a run of the built `pc-contract` produced.
public struct ToolRun: Sendable {
  /// The exit status.
  public var code: Int32
  /// Everything written to standard output.
  public var stdout: String
  /// Everything written to standard error.
  public var stderr: String
}

/// The built `pc-contract` next to the test bundle.
public func builtToolURL() -> URL {
  let productsDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  let executable = productsDirectory.appendingPathComponent("pc-contract")
  if FileManager.default.fileExists(atPath: executable.path) { return executable }
  // The xctest bundle sits one level deeper on some layouts.
  return productsDirectory.deletingLastPathComponent().appendingPathComponent("pc-contract")
}

/// Runs the built `pc-contract` with `arguments`, feeding `stdin`, in `directory`, with
/// `environment` added to (or, when `replaceEnvironment`, instead of) this process's.
public func runBuiltTool(
  _ arguments: [String], stdin: [UInt8]? = nil, directory: String? = nil,
  environment: [String: String] = [:], replaceEnvironment: Bool = false
) throws -> ToolRun {
  let process = Process()
  process.executableURL = builtToolURL()
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
  var merged = replaceEnvironment ? [:] : ProcessInfo.processInfo.environment
  merged.merge(environment) { $1 }
  process.environment = merged
  let out = Pipe()
  let err = Pipe()
  let input = Pipe()
  process.standardOutput = out
  process.standardError = err
  process.standardInput = stdin == nil ? FileHandle.nullDevice : input
  try process.run()
  if let stdin {
    // Write from another thread so a large input cannot deadlock against a full output pipe.
    let writer = input.fileHandleForWriting
    Thread.detachNewThread {
      try? writer.write(contentsOf: Data(stdin))
      try? writer.close()
    }
  }
  let group = DispatchGroup()
  nonisolated(unsafe) var stderrData = Data()
  group.enter()
  Thread.detachNewThread {
    stderrData = err.fileHandleForReading.readDataToEndOfFile()
    group.leave()
  }
  let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return ToolRun(
    code: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
    stderr: String(decoding: stderrData, as: UTF8.self))
}

/// The package's root folder (holding `schemas/` and `recordings/`), from a test file's path.
public func packageRoot(filePath: String = #filePath) -> URL {
  var url = URL(fileURLWithPath: filePath).deletingLastPathComponent()
  while url.path != "/" {
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      return url
    }
    url = url.deletingLastPathComponent()
  }
  return url
}
