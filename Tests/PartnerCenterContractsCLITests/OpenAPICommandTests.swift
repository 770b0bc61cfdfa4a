import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

@testable import PartnerCenterContractsCLI

@Suite("pc-contract openapi")
struct OpenAPICommandTests {

  @Test func theBuiltToolPrintsAndWritesTheDocument() throws {
    let printed = try runBuiltTool(["openapi"])
    #expect(printed.code == 0)
    #expect(printed.stderr.isEmpty)
    #expect(printed.stdout == (try OpenAPIDocument().text))
    let root = try temporaryFolder([:])
    defer { try? FileManager.default.removeItem(at: root) }
    let written = try runBuiltTool(
      ["openapi", "--strict", "--output", "api/openapi.json"], directory: root.path)
    #expect(written.code == 0)
    #expect(written.stdout.isEmpty)
    let text = try String(
      contentsOf: root.appendingPathComponent("api/openapi.json"), encoding: .utf8)
    #expect(text == (try OpenAPIDocument(strict: true).text))
    #expect(text.contains("\"additionalProperties\": false"))
    #expect(!printed.stdout.contains("\"additionalProperties\": false"))
  }

  @Test func mistakesExitTwoOrThree() throws {
    let extra = try runBuiltTool(["openapi", "now"])
    #expect(extra.code == 2)
    #expect(extra.stdout.isEmpty)
    let missing = try runBuiltTool(["openapi", "--schemas", "/nonexistent/schemas"])
    #expect(missing.code == 3)
    #expect(missing.stderr.hasPrefix("pc-contract openapi: "))
    #expect(missing.stderr.split(separator: "\n").count == 1)
  }
}
