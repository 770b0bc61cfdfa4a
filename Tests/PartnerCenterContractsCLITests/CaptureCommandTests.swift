import ContractTestSupport
import Foundation
import Testing

@testable import PartnerCenterContractsCLI

@Suite struct CaptureCommandTests {
  @Test func missingCredentialsExitThreeAndSayWhatToSet() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "capture-cli-\(UUID())"
    ).path
    let result = try runBuiltTool(
      ["capture", "partner", "--out", folder, "--base-url", "http://127.0.0.1:9"],
      environment: ["PARTNER_CENTER_TOKEN": "", "PARTNER_CENTER_REFRESH_TOKEN": ""])
    #expect(result.code == 3)
    #expect(
      result.stderr.hasPrefix("pc-contract capture: no credentials: set PARTNER_CENTER_TOKEN"))
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: folder))
  }

  @Test(arguments: [
    (["capture"], "say what to capture"),
    (["capture", "customer", "not-a-guid"], "customer id 'not-a-guid' is not a GUID"),
    (["capture", "all", "--stdout"], "--stdout prints one recording"),
    (
      ["capture", "partner", "--concurrency", "0"],
      "option '--concurrency' needs a whole number from 1 to 256"
    ),
    (["capture", "partner", "--token", "x"], "unknown option '--token'"),
  ])
  func usageErrorsExitTwo(arguments: [String], message: String) async {
    let io = CapturedIO()
    let code = await PCContract.run(arguments: arguments, environment: [:], io: io)
    #expect(code == 2)
    #expect(io.stderr.contains(message))
  }

}
