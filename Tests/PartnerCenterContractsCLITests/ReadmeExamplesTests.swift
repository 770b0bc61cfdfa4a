import ContractTestSupport
import Foundation
import Testing

/// The README's `console` examples, run as shown on the files in `examples/`: every command
/// whose inputs are there must print what the README says and exit as it says.
@Suite struct ReadmeExamplesTests {
  struct Example {
    var arguments: [String]
    var expected: String
    var exitCode: Int32?
  }

  /// The `$ pc-contract ...` commands of the README's console blocks whose file arguments all
  /// exist in `examples/`.
  static func examples() throws -> [Example] {
    let root = packageRoot()
    let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
    let folder = root.appendingPathComponent("examples")
    var examples: [Example] = []
    for block in readme.components(separatedBy: "```console\n").dropFirst() {
      let lines = block.components(separatedBy: "\n```")[0].split(
        separator: "\n", omittingEmptySubsequences: false)
      var index = 0
      while index < lines.count {
        let line = lines[index]
        index += 1
        guard line.hasPrefix("$ pc-contract ") else { continue }
        let arguments = line.dropFirst("$ pc-contract ".count).split(separator: " ").map(
          String.init)
        var output: [Substring] = []
        while index < lines.count, !lines[index].hasPrefix("$ ") {
          output.append(lines[index])
          index += 1
        }
        var exitCode: Int32?
        if index + 1 < lines.count, lines[index] == "$ echo $?" {
          exitCode = Int32(lines[index + 1])
          index += 2
        }
        let files = arguments.dropFirst().filter { !$0.hasPrefix("-") }
        guard !files.isEmpty,
          files.allSatisfy({
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
          })
        else { continue }
        examples.append(
          Example(
            arguments: arguments, expected: output.joined(separator: "\n") + "\n",
            exitCode: exitCode))
      }
    }
    return examples
  }

  @Test func everyConsoleExampleOnTheExamplesFolderPrintsWhatTheReadmeShows() throws {
    let examples = try Self.examples()
    #expect(examples.count >= 3, "the README's examples on examples/ were not found")
    let folder = packageRoot().appendingPathComponent("examples").path
    for example in examples {
      let run = try runBuiltTool(example.arguments, directory: folder)
      #expect(
        run.stdout == example.expected, "pc-contract \(example.arguments.joined(separator: " "))")
      if let code = example.exitCode { #expect(run.code == code) }
      #expect(run.code == (example.expected.contains(" 0 errors") ? 0 : 1))
    }
  }

  @Test func theSampleConfigurationChecksTheStoredRecordings() throws {
    let root = packageRoot()
    let run = try runBuiltTool(
      [
        "check", "--offline", "--config", "examples/pc-contract.json", "--recordings", "recordings",
      ],
      directory: root.path)
    #expect(run.code == 0, "\(run.stderr)")
  }
}
