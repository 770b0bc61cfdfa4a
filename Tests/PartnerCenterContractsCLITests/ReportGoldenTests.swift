import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

/// Every report format, written by the built binary through `--output FORMAT=FILE`, for the
/// five runs a CI job meets: clean, drifted, with hostile values from the API, with 30,000
/// changes, and one that could not happen. Each file is compared with its golden file in
/// `Golden/reports/`; the 30,000-change files, megabytes each, are compared by their
/// opening lines, their size and a digest of the whole (`goldenDigest`).
@Suite("Every report format on every kind of run, the built binary")
struct ReportGoldenTests {
  /// The file each format is written to; the extension also names the golden file.
  static let files: [(format: String, file: String)] = [
    ("text", "report.txt"), ("json", "report.json"), ("junit", "report.junit.xml"),
    ("github", "report.github.txt"), ("sarif", "report.sarif.json"),
    ("markdown", "report.md"), ("gitlab", "report.gitlab.json"),
  ]

  /// Values an API could return to forge output: a newline and a workflow command, Markdown
  /// links, images and emphasis, HTML, a bidi override, NUL and ESC.
  static let hostileValues = [
    "o365\n::error file=README.md,line=1::forged",
    "[click](https://evil.example) ![x](https://evil.example/x.png) **bold** _em_ `code` <b>x</b> a|b",
    "safe\u{202E}txt.exe",
    "nul\u{0}esc\u{1B}[31mred\u{1B}[0m del\u{7F} c1\u{85}",
  ]

  /// Runs `pc-contract diff old new` in a fresh folder prepared by `prepare`, asking for every
  /// format at once, and returns the exit code and each format's file.
  static func diffWritingEveryFormat(
    _ extraArguments: [String] = [], prepare: (RecordingStore, RecordingStore) throws -> Void
  ) throws -> (code: Int32, stdout: String, files: [String: String]) {
    let root = FileManager.default.temporaryDirectory
      .appendingPathComponent("pc-contract-reports-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: root) }
    try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    try prepare(
      RecordingStore(directory: root.appendingPathComponent("old").path),
      RecordingStore(directory: root.appendingPathComponent("new").path))
    let outputs = files.flatMap { ["--output", "\($0.format)=reports/\($0.file)"] }
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent("reports"), withIntermediateDirectories: true)
    let run = try runBuiltTool(
      ["diff", "old", "new", "--today", "2026-11-21"] + outputs + extraArguments,
      directory: root.path, environment: ["NO_COLOR": "1"])
    var written: [String: String] = [:]
    for (format, file) in files {
      let url = root.appendingPathComponent("reports").appendingPathComponent(file)
      let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "<not written>"
      // SARIF names the folder it ran in (`originalUriBaseIds`), a fresh one each time.
      written[format] = text.replacingOccurrences(of: root.path, with: "/ROOT")
    }
    return (run.code, run.stdout, written)
  }

  static func assertGolden(_ files: [String: String], run: String, digest: Bool = false) {
    for (format, file) in Self.files {
      let text = files[format] ?? "<not written>"
      assertMatchesGolden(digest ? goldenDigest(text) : text, named: "reports/\(run).\(file)")
    }
  }

  static func customer(_ number: Int) -> Endpoint {
    .customerLicensesUsage(customerID: String(format: "0c39d6d5-c70d-4c55-bc02-%012d", number))
  }

  /// The old side of every run: the partner and two customers.
  static func writeOld(_ old: RecordingStore) throws {
    try old.write(DiffFolders.recording(.partnerLicensesUsage, items: DiffFolders.partnerItems()))
    for number in 1...2 {
      try old.write(DiffFolders.recording(customer(number), items: DiffFolders.customerItems()))
    }
  }

  @Test func aCleanRunPassesInEveryFormat() throws {
    let run = try Self.diffWritingEveryFormat { old, new in
      try Self.writeOld(old)
      try Self.writeOld(new)
    }
    #expect(run.code == 0)
    Self.assertGolden(run.files, run: "clean")
  }

  @Test func aDriftedRunFailsInEveryFormat() throws {
    let run = try Self.diffWritingEveryFormat { old, new in
      try Self.writeOld(old)
      try new.write(
        DiffFolders.recording(.partnerLicensesUsage, items: DiffFolders.partnerItems()))
      let drifted = DiffFolders.customerItems().enumerated().map { index, item -> JSONValue in
        guard var object = item.objectValue else { return item }
        object["customerName"] = nil
        object["licensesActive"] = .number(JSONNumber(index + 5))
        if index == 1 { object["serviceName"] = "Microsoft 365" }
        return .object(object)
      }
      try new.write(DiffFolders.recording(Self.customer(1), items: drifted))
    }
    #expect(run.code == 1)
    Self.assertGolden(run.files, run: "drifted")
  }

  @Test func hostileValuesForgeNothingInAnyFormat() throws {
    let run = try Self.diffWritingEveryFormat(["--fail-on", "info"]) { old, new in
      try Self.writeOld(old)
      try new.write(
        DiffFolders.recording(.partnerLicensesUsage, items: DiffFolders.partnerItems()))
      for number in 1...2 {
        let items = DiffFolders.customerItems().enumerated().map { index, item -> JSONValue in
          guard var object = item.objectValue else { return item }
          let value = Self.hostileValues[(index + number) % Self.hostileValues.count]
          object["serviceName"] = .string(value)
          object["customerName"] = .string(value)
          return .object(object)
        }
        try new.write(DiffFolders.recording(Self.customer(number), items: items))
      }
    }
    #expect(run.code == 1)
    Self.assertGolden(run.files, run: "hostile")
    let github = run.files["github"] ?? ""
    // Every value stays inside its own line: no line starts a command the data wrote.
    for line in github.split(separator: "\n") {
      #expect(!line.hasPrefix("::error file=README.md"))
      #expect(line.hasPrefix("::") || line.hasPrefix("more: ") || line.hasPrefix("pc-contract "))
    }
    for (format, text) in run.files where format != "json" && format != "sarif" {
      #expect(!text.contains("\u{1B}") && !text.contains("\u{202E}") && !text.contains("\u{0}"))
    }
    #expect(!(run.files["markdown"] ?? "").contains("[click](https://evil.example)"))
  }

  @Test func thirtyThousandChangesStayWithinEveryConsumersLimits() throws {
    let items = 1_000
    let run = try Self.diffWritingEveryFormat { old, new in
      for number in 1...30 {
        let before = (0..<items).map { Self.item(workload: $0, active: 1) }
        let after = (0..<items).map { Self.item(workload: $0, active: 2) }
        try old.write(DiffFolders.recording(Self.customer(number), items: before))
        try new.write(DiffFolders.recording(Self.customer(number), items: after))
      }
    }
    #expect(run.code == 0)
    Self.assertGolden(run.files, run: "30000-changes", digest: true)
    let json = try JSONParser.parse(Array((run.files["json"] ?? "").utf8)).value
    let changes = json["findings"]?.arrayValue?.count { $0["kind"] == "drift.value-changed" }
    #expect(changes == 30_000)
    let sarif = try JSONParser.parse(Array((run.files["sarif"] ?? "").utf8)).value
    let results = try #require(sarif["runs"]?[0]?["results"]?.arrayValue)
    #expect(results.count <= 25_000)
    #expect(results.count { $0["level"] != "note" } <= 5_000)
    let github = run.files["github"] ?? ""
    #expect(github.split(separator: "\n").count <= 50)
  }

  @Test func aRunThatCouldNotHappenStillWritesEveryFormat() throws {
    let run = try Self.diffWritingEveryFormat { old, _ in
      try Self.writeOld(old)
    }
    #expect(run.code == 3)
    Self.assertGolden(run.files, run: "could-not-run")
    #expect(run.files.values.allSatisfy { $0.contains("cannot read") })
  }

  /// A customer item whose identity is its workload number; `active` changes between sides.
  static func item(workload: Int, active: Int) -> JSONValue {
    [
      "customerName": "Contoso", "productName": "OFFICE 365 BUSINESS ESSENTIALS",
      "licensesActive": .number(JSONNumber(active)), "licensesQualified": 10,
      "usagePercent": 10,
      "workloadName": .string("Workload \(workload)"),
      "processedDateTime": "2017-03-10T00:00:00+00:00", "serviceName": "o365",
      "channel": "reseller", "attributes": ["objectType": "CustomerLicensesUsageInsights"],
    ]
  }
}
