import ContractTestSupport
import Foundation
import Testing

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
