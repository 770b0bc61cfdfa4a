import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

@testable import PartnerCenterContractsCLI

/// Recording folders written for the diff tests: an old one, and a new one where a property
/// is gone, one is added, an enum-like field has a new value and a customer disappeared.
struct DiffFolders {
  let root: URL
  static let customer = "0c39d6d5-c70d-4c55-bc02-f620844f3fd1"
  static let otherCustomer = "9f5a7f2a-2a69-4a6f-9b6f-0000000000aa"

  init() throws {
    root = FileManager.default.temporaryDirectory
      .appendingPathComponent("pc-contract-diff-\(UUID().uuidString)")
    let old = RecordingStore(directory: root.appendingPathComponent("old").path)
    let new = RecordingStore(directory: root.appendingPathComponent("new").path)
    try old.write(Self.recording(.partnerLicensesUsage, items: Self.partnerItems()))
    try old.write(
      Self.recording(.customerLicensesUsage(customerID: Self.customer), items: Self.customerItems())
    )
    try old.write(
      Self.recording(
        .customerLicensesUsage(customerID: Self.otherCustomer), items: Self.customerItems()))
    try new.write(Self.recording(.partnerLicensesUsage, items: Self.partnerItems()))
    let drifted = Self.customerItems().enumerated().map { index, item -> JSONValue in
      guard var object = item.objectValue else { return item }
      object["customerName"] = nil
      object["licensesAssigned"] = .number(JSONNumber(index))
      if index == 1 { object["serviceName"] = "Microsoft 365" }
      return .object(object)
    }
    try new.write(Self.recording(.customerLicensesUsage(customerID: Self.customer), items: drifted))
  }

  func remove() { try? FileManager.default.removeItem(at: root) }

  static func partnerItems() -> [JSONValue] {
    ["Exchange", "SharePoint"].map { workload in
      [
        "proratedLicensesUsagePercent": 26.16, "workloadName": .string(workload),
        "processedDateTime": "2017-03-10T00:00:00+00:00", "serviceName": "o365",
        "channel": "reseller", "attributes": ["objectType": "PartnerLicensesUsageInsights"],
      ]
    }
  }

  static func customerItems() -> [JSONValue] {
    ["Exchange", "SharePoint", "Skype For Business"].enumerated().map { index, workload in
      [
        "customerName": "Contoso", "productName": "OFFICE 365 BUSINESS ESSENTIALS",
        "licensesActive": .number(JSONNumber(index + 1)), "licensesQualified": 10,
        "usagePercent": .number(JSONNumber((index + 1) * 10)), "workloadName": .string(workload),
        "processedDateTime": "2017-03-10T00:00:00+00:00", "serviceName": "o365",
        "channel": "reseller", "attributes": ["objectType": "CustomerLicensesUsageInsights"],
      ]
    }
  }

  static func recording(_ endpoint: Endpoint, items: [JSONValue]) -> Recording {
    Recording(
      endpoint: endpoint,
      request: RecordedRequest(url: "https://api.partnercenter.microsoft.com" + endpoint.path),
      response: RecordedResponse(
        status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
        body: .json([
          "totalCount": .number(JSONNumber(items.count)), "items": .array(items),
          "attributes": ["objectType": "Collection"],
        ])),
      capturedAt: "2026-11-21T08:00:00Z", toolVersion: "0.1.0")
  }
}

@Suite("pc-contract diff")
struct DiffCommandTests {

  @Test func outputPairsFormatsWithFiles() throws {
    #expect(
      try ReportOptions.output("sarif=out/drift.sarif") == (format: .sarif, path: "out/drift.sarif")
    )
    #expect(try ReportOptions.output("report.xml") == (format: .junit, path: "report.xml"))
    #expect(try ReportOptions.output("summary.md") == (format: .markdown, path: "summary.md"))
    #expect(throws: UsageError.self) { try ReportOptions.output("report") }
    #expect(throws: UsageError.self) { try ReportOptions.output("sarif=") }
  }

  @Test func usageErrors() async throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    let old = folders.root.appendingPathComponent("old").path
    let file = folders.root.appendingPathComponent("new/partner/licenses-usage.json").path
    for arguments in [
      [old], [old, file], [old, old, "--ignore", "items"], [old, old, "--output", "x"],
    ] {
      let io = CapturedIO()
      #expect(await PCContract.run(arguments: ["diff"] + arguments, environment: [:], io: io) == 2)
      #expect(io.stderr.hasPrefix("pc-contract diff: "))
    }
  }
}

@Suite("pc-contract diff, the built binary")
struct DiffEndToEndTests {
  @Test func foldersWithDriftFailWithLocatedFindingsAndWriteEveryReport() throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    let run = try runBuiltTool(
      [
        "diff", "old", "new", "--output", "sarif=drift.sarif", "--output", "drift.xml",
        "--output", "markdown=summary.md", "--output", "json=drift.json",
      ], directory: folders.root.path, environment: ["NO_COLOR": "1"])
    #expect(run.code == 1)
    #expect(run.stderr.isEmpty)
    assertMatchesGolden(run.stdout, named: "diff-folders.txt")
    let sarif = try Data(contentsOf: folders.root.appendingPathComponent("drift.sarif"))
    let log = try JSONParser.parse([UInt8](sarif)).value
    #expect(log["version"] == "2.1.0")
    let junit = try String(
      contentsOf: folders.root.appendingPathComponent("drift.xml"), encoding: .utf8)
    #expect(junit.contains("failures=\"1\""))
    let markdown = try String(
      contentsOf: folders.root.appendingPathComponent("summary.md"), encoding: .utf8)
    #expect(markdown.hasPrefix("## pc-contract diff: ❌ fails"))
    let json = try Data(contentsOf: folders.root.appendingPathComponent("drift.json"))
    #expect(try JSONParser.parse([UInt8](json)).value["fails"] == true)
  }

  @Test func githubFormatAnnotatesTheLineInTheNewRecording() throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    let run = try runBuiltTool(
      ["diff", "old", "new", "--format", "github"], directory: folders.root.path)
    let path = "new/customers/\(DiffFolders.customer)/licenses-usage.json"
    let line = run.stdout.split(separator: "\n").first { $0.contains("drift.property-removed") }
    let text = try String(contentsOf: folders.root.appendingPathComponent(path), encoding: .utf8)
    let expected = JSONSourceLocator(text).locate(
      try JSONPointer(parsing: "/response/body/items/0"))
    #expect(line?.hasPrefix("::error file=\(path),line=\(expected?.value.line ?? 0),") == true)
  }

  @Test func unchangedFilesPassAndAcceptedDriftPasses() throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    let same = try runBuiltTool(
      ["diff", "old/partner/licenses-usage.json", "new/partner/licenses-usage.json"],
      directory: folders.root.path)
    #expect(same.code == 0)
    #expect(same.stdout == "1 recording checked: 0 errors, 0 warnings\n")
    let gone = Finding.fingerprint(
      kind: "drift.recording-removed",
      subject: "customer-licenses-usage/\(DiffFolders.otherCustomer)", pointer: "",
      expectation: nil)
    let config = """
      {
        "failOn": "breaking",
        "acceptedDrift": [
          { "path": "/items/*/customerName", "kind": "drift.property-removed", "reason": "dropped upstream" },
          { "fingerprint": "\(gone)", "reason": "customer left", "expires": "2026-12-31" }
        ]
      }
      """
    try Data(config.utf8).write(to: folders.root.appendingPathComponent("pc-contract.json"))
    let accepted = try runBuiltTool(
      ["diff", "old", "new", "--today", "2026-11-21"], directory: folders.root.path)
    #expect(accepted.code == 0)
    #expect(!accepted.stdout.contains("drift.property-removed"))
    let expired = try runBuiltTool(
      ["diff", "old", "new", "--today", "2027-01-01", "--format", "json"],
      directory: folders.root.path)
    #expect(expired.code == 0)
    #expect(expired.stdout.contains("config.accepted-drift-expired"))
    #expect(expired.stdout.contains("drift.recording-removed"))
  }

  @Test func unreadableInputsExitThree() throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    try Data("{\"items\": [".utf8).write(to: folders.root.appendingPathComponent("broken.json"))
    let run = try runBuiltTool(
      ["diff", "new/partner/licenses-usage.json", "broken.json"], directory: folders.root.path)
    #expect(run.code == 3)
    #expect(run.stderr.hasPrefix("pc-contract diff: broken.json:1:"))
    let missing = try runBuiltTool(
      ["diff", "nope.json", "broken.json"], directory: folders.root.path)
    #expect(missing.code == 3)
  }
}
