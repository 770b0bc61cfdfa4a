import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Synchronization
import Testing

@testable import PartnerCenterContractsCLI

/// Collects what a command writes, and feeds it standard input.
final class ValidateIO: CommandIO {
  private let buffers = Mutex<(out: String, err: String)>(("", ""))
  let input: [UInt8]
  let isInputTerminal: Bool
  let isOutputTerminal: Bool

  init(stdin: String = "", inputTerminal: Bool = false, outputTerminal: Bool = false) {
    input = Array(stdin.utf8)
    isInputTerminal = inputTerminal
    isOutputTerminal = outputTerminal
  }

  func out(_ text: String) { buffers.withLock { $0.out += text } }
  func err(_ text: String) { buffers.withLock { $0.err += text } }
  func readStandardInput(limit: Int) throws -> [UInt8]? { input.count > limit ? nil : input }
  var stdout: String { buffers.withLock { $0.out } }
  var stderr: String { buffers.withLock { $0.err } }
}

/// A fresh folder under the temporary directory holding `files` (relative path: contents).
func temporaryFolder(_ files: [String: String]) throws -> URL {
  let root = FileManager.default.temporaryDirectory.appendingPathComponent(
    "pc-validate-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
  for (path, contents) in files {
    let url = root.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: url)
  }
  return root
}

@Suite struct ValidateCommandTests {
  func run(_ arguments: [String], io: ValidateIO, environment: [String: String] = [:]) async
    -> Int32
  {
    await PCContract.run(arguments: ["validate"] + arguments, environment: environment, io: io)
  }

  @Test func noInputFromATerminalIsAUsageError() async {
    let io = ValidateIO(inputTerminal: true)
    #expect(await run([], io: io) == 2)
    #expect(io.stdout.isEmpty)
    #expect(io.stderr.hasPrefix("pc-contract validate: no input;"))
  }

  @Test func noInputReadsAPipe() async {
    let io = ValidateIO(stdin: DocumentationExample.customerExchange)
    #expect(await run([], io: io) == 0)
    #expect(io.stdout.hasSuffix("1 input checked: 0 errors, 0 warnings\n"))
  }

  @Test func failOnWarningAndQuiet() async throws {
    let bom = "\u{FEFF}" + DocumentationExample.customerBody
    let passing = ValidateIO(stdin: bom)
    #expect(await run(["-", "--quiet"], io: passing) == 0)
    #expect(passing.stdout.isEmpty)
    let info = ValidateIO(stdin: bom)
    #expect(await run(["-", "--fail-on", "info", "--quiet"], io: info) == 1)
    #expect(info.stdout.contains("<stdin>:1:1: info: the body starts with a UTF-8 byte-order mark"))
    let broken = ValidateIO(stdin: "<html></html>")
    #expect(await run(["-", "--fail-on", "none"], io: broken) == 0)
    #expect(broken.stdout.contains("error: the body is HTML"))
  }

  @Test func colorFollowsTheTerminalAndNoColor() async {
    let terminal = ValidateIO(stdin: "[", outputTerminal: true)
    #expect(await run(["-"], io: terminal) == 1)
    #expect(terminal.stdout.contains("\u{1B}[1;31merror"))
    let noColor = ValidateIO(stdin: "[", outputTerminal: true)
    #expect(await run(["-"], io: noColor, environment: ["NO_COLOR": "1"]) == 1)
    #expect(!noColor.stdout.contains("\u{1B}"))
  }

  @Test func foldersAreWalkedInSortedOrder() async throws {
    let body = DocumentationExample.customerBody
    let root = try temporaryFolder([
      "b.json": body, "a/z.http": DocumentationExample.customerResponse, "a/c.json": "{",
      ".hidden.json": "{", "notes.md": "# not an input",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let io = ValidateIO()
    #expect(await run([root.path, "--format", "json"], io: io) == 1)
    let names = ["a/c.json", "a/z.http", "b.json"].map { root.path + "/" + $0 }
    let subjects = io.stdout.split(separator: "\n").filter { $0.contains("\"name\"") }
    #expect(subjects.count == 3)
    for (line, name) in zip(subjects, names) { #expect(line.contains(name)) }
  }

  /// The documentation's exchange with four contract breaks: the response's MS-RequestId
  /// does not echo the request's, totalCount is off by one, item 0 has usagePercent 100.5,
  /// item 2's processedDateTime has no offset.
  static var brokenExchange: String {
    var text = DocumentationExample.customerExchange
    func replace(_ old: String, _ new: String, after marker: String? = nil) {
      let from = marker.flatMap { text.range(of: $0)?.lowerBound } ?? text.startIndex
      if let range = text.range(of: old, range: from..<text.endIndex) {
        text.replaceSubrange(range, with: new)
      }
    }
    replace("MS-RequestId: f657d2a8", "MS-RequestId: 00000000", after: "HTTP/1.1 200 OK")
    replace(#""totalCount": 5"#, #""totalCount": 6"#)
    replace(#""usagePercent": 0.0"#, #""usagePercent": 100.5"#)
    replace(
      #""2017-03-09T00:00:00+00:00""#, #""2017-03-09T00:00:00""#, after: "Skype For Business")
    return text
  }

  @Test func goldenTextAndJSONOutputOfAFailingRun() async throws {
    let root = try temporaryFolder([
      "customer.http": DocumentationExample.customerExchange,
      "broken.http": Self.brokenExchange,
      "truncated.json": String(DocumentationExample.customerBody.prefix(300)),
      "gateway.http":
        "HTTP/1.1 502 Bad Gateway\nContent-Type: text/html\n\n<html><title>Bad Gateway</title></html>\n",
    ])
    defer { try? FileManager.default.removeItem(at: root) }
    let inputs = ["customer.http", "broken.http", "gateway.http", "truncated.json"]
    let text = try runBuiltTool(["validate"] + inputs, directory: root.path)
    #expect(text.code == 1)
    #expect(text.stderr.isEmpty)
    assertMatchesGolden(text.stdout, named: "validate-failing.txt")
    let json = try runBuiltTool(["validate", "--format", "json"] + inputs, directory: root.path)
    #expect(json.code == 1)
    assertMatchesGolden(json.stdout, named: "validate-failing.json")
  }
}

@Suite struct ValidateEndToEndTests {
  @Test func documentationExamplePipedThroughValidatePasses() throws {
    let result = try runBuiltTool(
      ["validate", "-"], stdin: Array(DocumentationExample.customerExchange.utf8))
    #expect(result.code == 0)
    #expect(result.stdout == "1 input checked: 0 errors, 0 warnings\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func truncatedInputFailsWithTheLineAndColumn() throws {
    let result = try runBuiltTool(
      ["validate"], stdin: Array("{\n  \"totalCount\": 5,\n  \"items\": [".utf8))
    #expect(result.code == 1)
    #expect(
      result.stdout
        == "<stdin>:3:13: error: the body is truncated: expected a JSON value or ']', found end of input\n"
        + "1 input checked: 1 error, 0 warnings\n")
    #expect(result.stderr.isEmpty)
  }

  @Test func usageErrorExitsTwo() throws {
    let result = try runBuiltTool(["validate", "--format", "xml", "-"])
    #expect(result.code == 2)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr
        == "pc-contract validate: option '--format' does not accept 'xml'; use one of: text, json, junit, github, sarif, markdown, gitlab\n"
    )
  }

  @Test func unreadableInputExitsThree() throws {
    let result = try runBuiltTool(["validate", "/nonexistent/response.json"])
    #expect(result.code == 3)
    #expect(result.stdout.isEmpty)
    #expect(
      result.stderr
        == "pc-contract validate: cannot read '/nonexistent/response.json': no such file or folder\n"
    )
  }

  @Test func everyReportFormatIsWrittenForValidate() throws {
    let root = try temporaryFolder(["broken.http": ValidateCommandTests.brokenExchange])
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try runBuiltTool(
      [
        "validate", "broken.http", "--output", "sarif=out/validate.sarif", "--output",
        "out/validate.xml", "--output", "gitlab=out/quality.json", "--format", "github",
      ], directory: root.path)
    #expect(run.code == 1)
    #expect(run.stdout.hasPrefix("::error file=broken.http,line="))
    let sarif = try FileContents.bytes(
      atPath: root.appendingPathComponent("out/validate.sarif").path)
    let results = try JSONParser.parse(sarif).value["runs"]?[0]?["results"]?.arrayValue
    #expect(results?.isEmpty == false)
    #expect(
      results?.allSatisfy {
        $0["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "broken.http"
      } == true)
    let junit = try String(
      contentsOf: root.appendingPathComponent("out/validate.xml"), encoding: .utf8)
    #expect(junit.contains("<testcase classname=\"pc-contract.validate\" name=\"broken.http\""))
    let quality = try FileContents.bytes(
      atPath: root.appendingPathComponent("out/quality.json").path)
    #expect(try JSONParser.parse(quality).value.arrayValue?.isEmpty == false)
  }

  @Test func anUnreadableInputStillPrintsAndWritesItsReports() throws {
    let root = try temporaryFolder([:])
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try runBuiltTool(
      ["validate", "missing.json", "--format", "json", "--output", "junit=validate.xml"],
      directory: root.path)
    #expect(run.code == 3)
    #expect(
      run.stderr == "pc-contract validate: cannot read 'missing.json': no such file or folder\n")
    let report = try JSONParser.parse(Array(run.stdout.utf8)).value
    #expect(report["findings"]?[0]?["kind"] == "run.failed")
    #expect(report["fails"] == true)
    let junit = try String(contentsOf: root.appendingPathComponent("validate.xml"), encoding: .utf8)
    #expect(junit.contains("<error type=\"run.failed\""))
  }

  @Test func aUsageErrorStillWritesTheReportsItNamed() throws {
    let root = try temporaryFolder(["broken.http": ValidateCommandTests.brokenExchange])
    defer { try? FileManager.default.removeItem(at: root) }
    let run = try runBuiltTool(
      ["validate", "broken.http", "--schema", "nonesuch", "--output", "sarif=validate.sarif"],
      directory: root.path)
    #expect(run.code == 2)
    let sarif = try FileContents.bytes(atPath: root.appendingPathComponent("validate.sarif").path)
    let result = try JSONParser.parse(sarif).value["runs"]?[0]?["results"]?[0]
    #expect(result?["ruleId"] == "run.failed")
    #expect(
      result?["message"]?["text"]?.stringValue?.contains("no declared schema named 'nonesuch'")
        == true)
  }

  @Test func aReportThatCannotBeWrittenDoesNotStopTheOthers() throws {
    let root = try temporaryFolder(["broken.http": ValidateCommandTests.brokenExchange])
    defer { try? FileManager.default.removeItem(at: root) }
    // A file where the report's folder should be: that report cannot be written.
    #expect(
      FileManager.default.createFile(
        atPath: root.appendingPathComponent("taken").path, contents: nil))
    let run = try runBuiltTool(
      [
        "validate", "broken.http", "--output", "sarif=taken/validate.sarif", "--output",
        "json=validate.json",
      ], directory: root.path)
    #expect(run.code == 3)
    #expect(run.stderr.contains("cannot write 'taken/validate.sarif'"), "\(run.stderr)")
    #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
    let json = try FileContents.bytes(atPath: root.appendingPathComponent("validate.json").path)
    #expect(try JSONParser.parse(json).value["command"] == "validate")
  }
}
