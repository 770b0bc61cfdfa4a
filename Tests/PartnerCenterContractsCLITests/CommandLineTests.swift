import ContractTestSupport
import Foundation
import JSONCore
import PartnerCenterContracts
import Testing

@testable import PartnerCenterContractsCLI

/// The command line as a new user meets it: help for every command, suggestions for typos,
/// color that follows the conventions, progress, `rules`, `explain`, `accept`, plural nouns,
/// option errors that say what is allowed, and pc-contract.json found from a subfolder.
@Suite("The command line helps")
struct CommandLineTests {
  @Test func everyCommandsHelpMatchesItsGoldenFileAndHelpCommandPrintsTheSame() throws {
    let top = try runBuiltTool(["--help"])
    #expect(top.code == 0)
    assertMatchesGolden(top.stdout, named: "help/pc-contract.txt")
    for command in PCContract.commands {
      let help = try runBuiltTool([command.name, "--help"])
      #expect(help.code == 0)
      assertMatchesGolden(help.stdout, named: "help/\(command.name).txt")
      #expect(top.stdout.contains("  \(command.name) "))
      let viaHelp = try runBuiltTool(["help", command.name])
      #expect(viaHelp.stdout == help.stdout, "pc-contract help \(command.name)")
    }
  }

  @Test func typosGetTheNearestName() throws {
    let command = try runBuiltTool(["valdate", "x.json"])
    #expect(command.code == 2)
    #expect(command.stderr.contains("did you mean 'validate'?"))
    let option = try runBuiltTool(["validate", "--fromat", "json", "x.json"])
    #expect(option.code == 2)
    #expect(option.stderr.contains("unknown option '--fromat'; did you mean '--format'?"))
    let help = try runBuiltTool(["help", "dif"])
    #expect(help.code == 2)
    #expect(help.stderr.contains("did you mean 'diff'?"))
    let far = try runBuiltTool(["frobnicate"])
    #expect(far.stderr.contains("the commands are check, capture, validate"))
    #expect(!far.stderr.contains("did you mean"))
  }

  @Test func dashVIsTheVersionOrSaysWhereItIs() throws {
    let version = try runBuiltTool(["-v"])
    #expect(version.code == 0)
    #expect(version.stdout == "pc-contract \(ToolVersion.current)\n")
    let inCommand = try runBuiltTool(["validate", "-v", "x.json"])
    #expect(inCommand.code == 2)
    #expect(inCommand.stderr.contains("for the version, run 'pc-contract --version'"))
  }

  @Test func optionErrorsSayWhatIsAllowed() throws {
    let format = try runBuiltTool(["diff", "a", "b", "--format", "yaml"])
    #expect(format.code == 2)
    #expect(
      format.stderr.contains("use one of: text, json, junit, github, sarif, markdown, gitlab"))
    let concurrency = try runBuiltTool(
      ["capture", "partner", "--concurrency", "-3"], environment: ["PARTNER_CENTER_TOKEN": "t"])
    #expect(concurrency.code == 2)
    #expect(concurrency.stderr.contains("needs a whole number from 1 to"))
    #expect(concurrency.stderr.contains("not '-3'"))
    let color = try runBuiltTool(["validate", "--color", "sometimes", "-"])
    #expect(color.stderr.contains("use one of: auto, always, never"))
  }

  /// The broken example, validated in-process with standard output a terminal or not.
  func colored(_ arguments: [String], terminal: Bool, environment: [String: String]) async
    -> Bool
  {
    let io = ValidateIO(stdin: ValidateCommandTests.brokenExchange, outputTerminal: terminal)
    _ = await PCContract.run(
      arguments: ["validate", "-"] + arguments, environment: environment, io: io)
    return io.stdout.contains("\u{1B}[")
  }

  @Test func colorFollowsColorOptionNoColorAndTerm() async {
    #expect(await colored([], terminal: true, environment: [:]))
    #expect(!(await colored([], terminal: false, environment: [:])))
    #expect(!(await colored([], terminal: true, environment: ["NO_COLOR": "1"])))
    // NO_COLOR counts only when it is set and not empty (no-color.org).
    #expect(await colored([], terminal: true, environment: ["NO_COLOR": ""]))
    #expect(!(await colored([], terminal: true, environment: ["TERM": "dumb"])))
    #expect(await colored(["--color", "always"], terminal: false, environment: ["NO_COLOR": "1"]))
    #expect(!(await colored(["--color", "never"], terminal: true, environment: [:])))
  }

  @Test func progressIsOneUpdatingLineAndCallsAreListedOnlyWhenVerbose() {
    let endpoint = Endpoint.customerLicensesUsage(
      customerID: "0c39d6d5-c70d-4c55-bc02-f620844f3fd1")
    let events: [CaptureEvent] = [
      .planned(total: 3),
      .recorded(.partnerLicensesUsage, status: 200, path: "p.json", findings: []),
      .recorded(endpoint, status: 200, path: "c.json", findings: []),
      .failed(endpoint, reason: "HTTP 500"),
    ]
    func log(live: Bool, verbose: Bool) -> String {
      let io = CapturedIO()
      let log = CaptureLog(io: io, live: live, verbose: verbose)
      events.forEach(log.handle)
      log.finish()
      return io.stderr
    }
    let live = log(live: true, verbose: false)
    #expect(live.contains("\r\u{1B}[K3/3 endpoints, 0:00 elapsed, 0:00 remaining, 1 failed"))
    #expect(live.contains("failed: HTTP 500"))
    #expect(!live.contains("HTTP 200"))
    let plain = log(live: false, verbose: false)
    #expect(plain == "\(endpoint): failed: HTTP 500\n")
    let verbose = log(live: false, verbose: true)
    #expect(verbose.split(separator: "\n").count == 4)
    #expect(verbose.contains("partner-licenses-usage: HTTP 200 -> p.json"))
    #expect(!verbose.contains("\u{1B}"))
  }

  @Test func rulesListsEveryKindAndExplainPrintsOne() throws {
    let rules = try runBuiltTool(["rules"])
    #expect(rules.code == 0)
    for kind in FindingKind.all {
      #expect(rules.stdout.contains("\n\(kind.id) (") || rules.stdout.hasPrefix(kind.id))
    }
    #expect(rules.stdout.contains("drift.recording-removed (error or warning): Recording removed"))
    let explain = try runBuiltTool(["explain", "drift.type-changed"])
    #expect(explain.code == 0)
    #expect(
      explain.stdout.hasPrefix(
        "drift.type-changed (error): \(FindingKind.driftTypeChanged.title)\n"))
    #expect(explain.stdout.contains("README.md#kind-drift-type-changed"))
    #expect(explain.stdout.contains("accept it in pc-contract.json"))
    let family = try runBuiltTool(["explain", "schema.maximum"])
    #expect(family.stdout.contains("Schema violation"))
    let unknown = try runBuiltTool(["explain", "drift.type-chnaged"])
    #expect(unknown.code == 2)
    #expect(unknown.stderr.contains("did you mean 'drift.type-changed'?"))
  }

  @Test func explainFindsAFingerprintInAJSONReport() throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    let diff = try runBuiltTool(
      ["diff", "old", "new", "--output", "json=report.json"], directory: folders.root.path)
    #expect(diff.code == 1)
    let report = try JSONParser.parse(
      FileContents.bytes(atPath: folders.root.appendingPathComponent("report.json").path)
    ).value
    let finding = try #require(report["findings"]?[0])
    let fingerprint = try #require(finding["fingerprint"]?.stringValue)
    let explain = try runBuiltTool(
      ["explain", fingerprint, "--report", "report.json"], directory: folders.root.path)
    #expect(explain.code == 0)
    #expect(explain.stdout.hasPrefix("fingerprint \(fingerprint) in report.json:\n"))
    #expect(explain.stdout.contains("kind: \(finding["kind"]?.stringValue ?? "?")"))
    let missing = try runBuiltTool(
      ["explain", "0000000000000000", "--report", "report.json"], directory: folders.root.path)
    #expect(missing.code == 2)
  }

  @Test func acceptWritesTheEntryKeepingTheFileAndItsOrderAndStaleEntriesAreInfo() throws {
    let folders = try DiffFolders()
    defer { folders.remove() }
    let root = folders.root
    try FileManager.default.createDirectory(
      at: root.appendingPathComponent(".git"), withIntermediateDirectories: true)
    let original = """
      {
        "identityKeys": { "customer-licenses-usage": ["productName", "workloadName"] },
        "failOn": "breaking",
        "acceptedDrift": []
      }

      """
    try Data(original.utf8).write(to: root.appendingPathComponent("pc-contract.json"))
    let before = try runBuiltTool(["diff", "old", "new", "--format", "json"], directory: root.path)
    let report = try JSONParser.parse(Array(before.stdout.utf8)).value
    let removed = try #require(
      report["findings"]?.arrayValue?.first { $0["kind"] == "drift.recording-removed" })
    let fingerprint = try #require(removed["fingerprint"]?.stringValue)
    // From a subfolder: the file at the repository's top is found and edited.
    let sub = root.appendingPathComponent("new/customers")
    let accept = try runBuiltTool(
      ["accept", fingerprint, "--reason", "customer left", "--expires", "2099-12-31"],
      directory: sub.path)
    #expect(accept.code == 0, "\(accept.stderr)")
    #expect(accept.stderr.contains("accepted fingerprint \(fingerprint) until 2099-12-31"))
    let stale = try runBuiltTool(
      ["accept", "--path", "/items/*/gone", "--kind", "drift.property-removed", "--reason", "old"],
      directory: root.path)
    #expect(stale.code == 0)
    let text = try String(
      contentsOf: root.appendingPathComponent("pc-contract.json"), encoding: .utf8)
    let members = try JSONParser.parse(Array(text.utf8)).value.objectValue?.keys
    #expect(members == ["identityKeys", "failOn", "acceptedDrift"])
    #expect(
      text.contains("\"fingerprint\": \"\(fingerprint)\",\n      \"reason\": \"customer left\""))
    let after = try runBuiltTool(
      ["diff", "old", "new", "--format", "json", "--fail-on", "info"], directory: root.path)
    #expect(!after.stdout.contains("\"drift.recording-removed\""))
    let afterReport = try JSONParser.parse(Array(after.stdout.utf8)).value
    let staleFindings = afterReport["findings"]?.arrayValue?.filter {
      $0["kind"] == "config.accepted-drift-stale"
    }
    #expect(staleFindings?.count == 1)
    #expect(staleFindings?.first?["severity"] == "info")
    #expect(staleFindings?.first?["message"]?.stringValue?.contains("/items/*/gone") == true)
    // Updating the same fingerprint replaces its entry instead of adding one.
    let update = try runBuiltTool(
      ["accept", fingerprint, "--reason", "customer left for good"], directory: root.path)
    #expect(update.stderr.contains("updated fingerprint"))
    let updated = try JSONParser.parse(
      FileContents.bytes(atPath: root.appendingPathComponent("pc-contract.json").path)
    ).value
    #expect(updated["acceptedDrift"]?.arrayValue?.count == 2)
  }

  @Test func configurationIsFoundUpToTheRepositoryTopAndNotAbove() throws {
    let outer = try temporaryFolder([
      "pc-contract.json": #"{ "failOn": "none" }"#,
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/sub/broken.http": ValidateCommandTests.brokenExchange,
    ])
    defer { try? FileManager.default.removeItem(at: outer) }
    let sub = outer.appendingPathComponent("repo/sub").path
    // Above the repository: not read, so the errors fail the run.
    #expect(try runBuiltTool(["validate", "broken.http"], directory: sub).code == 1)
    try Data(#"{ "failOn": "none" }"#.utf8).write(
      to: outer.appendingPathComponent("repo/pc-contract.json"))
    #expect(try runBuiltTool(["validate", "broken.http"], directory: sub).code == 0)
  }

  @Test func nounsAreCountedInTheSingularAndPlural() {
    #expect(Plural.counted(1, "customer") == "1 customer")
    #expect(Plural.counted(2, "customer") == "2 customers")
    #expect(Plural.counted(1, "HAR entry") == "1 HAR entry")
    #expect(Plural.counted(3, "HAR entry") == "3 HAR entries")
    #expect(Plural.counted(0, "status") == "0 statuses")
    #expect(Plural.counted(2, "error finding") == "2 error findings")
    #expect(Plural.counted(2, "day") == "2 days")
  }

  @Test func nearestNameAllowsOnlyTypos() {
    #expect(NearestName.suggestion(for: "valdate", among: ["validate", "diff"]) == "validate")
    #expect(NearestName.suggestion(for: "--fromat", among: ["--format"]) == "--format")
    #expect(NearestName.suggestion(for: "xyz", among: ["diff", "check"]) == nil)
    #expect(NearestName.suggestion(for: "diff", among: ["diff"]) == nil)
  }

  @Test func theBuiltToolColorsOnlyWhenAsked() throws {
    let root = try temporaryFolder(["broken.http": ValidateCommandTests.brokenExchange])
    defer { try? FileManager.default.removeItem(at: root) }
    let always = try runBuiltTool(
      ["validate", "broken.http", "--color", "always"], directory: root.path,
      environment: ["NO_COLOR": "1"])
    #expect(always.stdout.contains("\u{1B}[1;31merror\u{1B}[0m"))
    // Standard output is a pipe here: auto means no color.
    let auto = try runBuiltTool(["validate", "broken.http"], directory: root.path)
    #expect(!auto.stdout.contains("\u{1B}"))
  }

  @Test func captureListsCallsOnlyWhenVerboseAndSaysNothingWhenQuiet() throws {
    let replay = try CaptureEndToEndTests.replay(customers: 2)
    defer { replay.stop() }
    let out = CaptureEndToEndTests.folder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    func capture(_ extra: [String]) throws -> ToolRun {
      try runBuiltTool(
        ["capture", "all", "--base-url", "http://127.0.0.1:\(replay.port)", "--out", out] + extra,
        environment: ["PARTNER_CENTER_TOKEN": "t"])
    }
    let plain = try capture([])
    #expect(plain.code == 0)
    #expect(!plain.stderr.contains("HTTP 200"))
    #expect(plain.stdout == "captured 3 of 3: 3 valid, 0 invalid, 0 failed\n")
    let verbose = try capture(["--verbose"])
    #expect(verbose.stderr.contains("partner-licenses-usage: HTTP 200 -> "))
    #expect(verbose.stderr.contains("planned 3 calls"))
    let quiet = try capture(["--quiet"])
    #expect(quiet.code == 0)
    #expect(quiet.stdout.isEmpty && quiet.stderr.isEmpty)
  }
}
