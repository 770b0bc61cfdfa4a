import ContractTestSupport
import Foundation
import Testing

@testable import PartnerCenterContractsCLI

@Suite struct SchemasCommandTests {
  func run(_ arguments: [String], io: ValidateIO) async -> Int32 {
    await PCContract.run(arguments: ["schemas"] + arguments, environment: [:], io: io)
  }

  @Test func listMatchesGolden() async {
    let io = ValidateIO()
    #expect(await run(["list"], io: io) == 0)
    assertMatchesGolden(io.stdout, named: "schemas-list.txt")
    #expect(io.stderr.isEmpty)
  }

  @Test func showPrintsTheFileAsWritten() async throws {
    let io = ValidateIO()
    #expect(await run(["show", "error.schema.json"], io: io) == 0)
    let file = packageRoot().appendingPathComponent("schemas/error.schema.json")
    #expect(io.stdout == (try String(contentsOf: file, encoding: .utf8)))
  }

  @Test func usageErrors() async {
    for arguments in [[], ["show"], ["show", "nothing"], ["list", "extra"], ["remove"]] {
      let io = ValidateIO()
      #expect(await run(arguments, io: io) == 2, "\(arguments)")
      #expect(io.stdout.isEmpty)
      #expect(io.stderr.split(separator: "\n").count == 1, "\(arguments): \(io.stderr)")
    }
  }

  @Test func unreadableFolderCannotRun() async {
    let io = ValidateIO()
    #expect(await run(["list", "--schemas", "/nonexistent-pc-contract"], io: io) == 3)
    #expect(io.stderr.contains("/nonexistent-pc-contract"))
  }

  @Test func builtBinaryListsAndShowsFromAnyDirectory() throws {
    let temporary = FileManager.default.temporaryDirectory.path
    let list = try runBuiltTool(["schemas", "list"], directory: temporary)
    #expect(list.code == 0)
    #expect(list.stderr.isEmpty)
    #expect(
      list.stdout.contains("customer-licenses-usage-response  Customer licenses usage response"))
    let show = try runBuiltTool(
      ["schemas", "show", "recording"], directory: temporary)
    #expect(show.code == 0)
    #expect(
      show.stdout.contains(
        #""$id": "https://partnercenter-contracts.example/schemas/recording.schema.json""#))
    let folder = packageRoot().appendingPathComponent("schemas").path
    let fromFolder = try runBuiltTool(["schemas", "list", "--schemas", folder])
    #expect(fromFolder.code == 0)
    #expect(
      fromFolder.stdout.hasSuffix(
        "10 schemas, from \(folder). 'pc-contract schemas show NAME' prints one.\n"))
    let unknown = try runBuiltTool(["schemas", "show", "nothing"])
    #expect(unknown.code == 2)
    #expect(unknown.stdout.isEmpty)
    #expect(unknown.stderr.hasPrefix("pc-contract schemas: no schema named 'nothing'"))
  }
}
