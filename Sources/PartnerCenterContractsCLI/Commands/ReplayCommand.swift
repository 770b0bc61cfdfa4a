import Foundation
import PartnerCenterContracts

/// `pc-contract replay`: serves recordings as a local mock of the API, checks the requests of
/// its client, and injects faults and edge-case variants.
public enum ReplayCommand: Command {
  public static let name = "replay"

  static let host: ArgumentSpec.Option = .value(
    "--host", valueName: "HOST", help: "Address to listen on (default: 127.0.0.1).")
  static let port: ArgumentSpec.Option = .value(
    "--port", valueName: "PORT", help: "Port to listen on; 0 picks a free one (default: 0).")
  static let recordings: ArgumentSpec.Option = .value(
    "--recordings", valueName: "DIR", help: "Recordings to serve (default: recordings).")
  static let synthesize: ArgumentSpec.Option = .value(
    "--synthesize", valueName: "N", help: "Add N generated customers with valid usage.")
  static let seed: ArgumentSpec.Option = .value(
    "--seed", valueName: "N", help: "Seed for generated customers and faults (default: 1).")
  static let variants: ArgumentSpec.Option = .optionalValue(
    "--variants", valueName: "KIND", implicit: "valid", allowed: ["valid", "invalid", "all"],
    help: "Add edge-case customers: valid (default), invalid, or all.")
  static let listVariants: ArgumentSpec.Option = .flag(
    "--list-variants", help: "List the variant customers and exit.")
  static let latency: ArgumentSpec.Option = .value(
    "--latency", valueName: "MS[:JITTER]",
    help: "Delay every answer by MS plus up to JITTER milliseconds.")
  static let fault: ArgumentSpec.Option = .value(
    "--fault", valueName: "KIND:RATE", repeatable: true,
    help: "Inject 429, 500, 503, reset, truncate or slow into RATE (0-1 or N%) of answers.")
  static let enforce: ArgumentSpec.Option = .flag(
    "--enforce", help: "Answer requests that break the request contract with 400.")
  static let report: ArgumentSpec.Option = .value(
    "--report", valueName: "FILE", help: "Write the findings to FILE at shutdown.")
  static let format: ArgumentSpec.Option = .value(
    "--format", valueName: "FORMAT", allowed: ["text", "json"],
    help: "Format of --report (default: text).")
  static let maxConnections: ArgumentSpec.Option = .value(
    "--max-connections", valueName: "N",
    help: "Connections served at once; more get 503 (default: 256).")
  static let config = ConfigurationOptions.config(
    help: "Read fail-on from FILE (default: the nearest pc-contract.json).")

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract replay",
    overview: "Serve recordings as a local mock of the API and check the client's requests.",
    usage: "[options]",
    options: [
      host,
      port,
      recordings,
      synthesize,
      seed,
      variants,
      listVariants,
      latency,
      fault,
      enforce,
      report,
      format,
      FailOnOption.declaration,
      maxConnections,
      config,
      OutputOptions.quiet, OutputOptions.color,
    ],
    maximumPositionals: 0,
    discussion: """
      The first line of standard output is the port, so a script can start the server with
      --port 0 and read where it listens. Serves GET /v1/analytics/licenses/usage,
      GET /v1/customers/{id}/analytics/licenses/usage and GET /v1/customers?size=N (paged
      with links.next and MS-ContinuationToken), and the contract itself, as OpenAPI 3.1, at
      GET /openapi.json. Every request is checked: Authorization
      Bearer (else 401), Accept JSON, MS-RequestId and MS-CorrelationId GUIDs, a new
      correlation id per call, a request id reused only on retries, X-Locale well formed.
      Findings are printed to standard error as they first occur and summarized when the
      server stops (SIGINT or SIGTERM).

      EXIT CODES: 0 no finding at or above --fail-on, 1 findings at or above it,
      2 usage error, 3 the server could not start or the recordings could not be read.
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    if arguments.flag(Self.listVariants) {
      io.out(variantList())
      return ExitCode.success
    }
    var configuration = try configuration(from: arguments)
    let contract = try ConfigurationOptions.load(arguments)
    let failLevel =
      FailOnOption.level(arguments, configured: contract.failOn)
    let format = arguments.value(Self.format).flatMap(ReportFormat.init(rawValue:)) ?? .text
    let directory = arguments.value(Self.recordings) ?? "recordings"
    let generatesCustomers =
      configuration.synthesizedCustomers > 0 || !configuration.variants.isEmpty
    do throws(RecordingStoreError) {
      let loaded = try ReplayConfiguration.recordings(inDirectory: directory)
      configuration.recordings = loaded.recordings
      for problem in loaded.problems { io.err("pc-contract replay: skipped \(problem)\n") }
    } catch {
      // Generated customers make a recordings folder optional; a named one must exist.
      if arguments.value(Self.recordings) != nil || !generatesCustomers { throw error }
    }
    let output = OutputOptions(arguments, environment: environment)
    let shown = TextReport(
      color: output.colors(terminal: io.isErrorTerminal), subjectNoun: "endpoint")
    if !output.quiet {
      configuration.onFinding = { finding in io.err("replay: \(shown.line(for: finding))\n") }
    }
    let server = ReplayServer(configuration: configuration)
    try server.start()
    io.out("\(server.port)\n")
    let partner =
      configuration.recordings.contains { $0.endpoint == .partnerLicensesUsage }
      || configuration.synthesizedCustomers > 0
    if !output.quiet {
      io.err(
        "pc-contract replay: serving http://\(configuration.host):\(server.port) "
          + "(\(partner ? "partner usage and " : "")\(Plural.counted(server.customerIDs.count, "customer"))); "
          + "stop with Ctrl-C\n")
    }
    await waitForSignal()
    server.stop()
    let report = Report(
      command: "replay", subjects: server.requestedSubjects.map { Report.Subject(name: $0) },
      findings: server.findings, failLevel: failLevel)
    if !output.quiet || report.fails { io.err(summary(server, report: report, text: shown)) }
    if let path = arguments.value(Self.report) {
      let rendered = ReportOptions.renderer(format, subjectNoun: "endpoint").render(report)
      try CommandFailure.write(rendered, to: path)
    }
    return report.fails ? ExitCode.findings : ExitCode.success
  }

  /// The closing summary: the counts on one line, then one line per finding naming its
  /// endpoint, then the totals.
  static func summary(_ server: ReplayServer, report: Report, text: TextReport) -> String {
    let requests = server.requestCount
    var summary = "pc-contract replay: \(Plural.counted(requests, "request"))"
    if server.notFoundCount > 0 {
      summary +=
        ", \(server.notFoundCount) answered 404 (unknown path or customer, or no recording)"
    }
    summary += "\n"
    for finding in report.findings {
      summary += "  \(finding.subject ?? "replay"): \(text.line(for: finding))\n"
    }
    var checked = text.summary(of: report)
    if server.unlistedSubjectCount > 0 {
      checked +=
        " (and \(Plural.counted(server.unlistedSubjectCount, "request")) to endpoints not listed)"
    }
    return summary + checked + "\n"
  }

  private static func configuration(from arguments: ParsedArguments) throws(UsageError)
    -> ReplayConfiguration
  {
    var configuration = ReplayConfiguration()
    if let host = arguments.value(Self.host) { configuration.host = host }
    configuration.port = try arguments.wholeNumber(Self.port, in: 0...65535) ?? 0
    configuration.synthesizedCustomers =
      try arguments.wholeNumber(Self.synthesize, in: 0...1_000_000) ?? 0
    if let text = arguments.value(Self.seed) {
      guard let seed = UInt64(text) else {
        throw .invalid("option '--seed' needs a non-negative integer, not '\(text)'")
      }
      configuration.seed = seed
    }
    configuration.maximumConnections =
      try arguments.wholeNumber(Self.maxConnections, in: 1...4096) ?? 256
    switch arguments.value(Self.variants) {
    case "valid": configuration.variants = [.valid]
    case "invalid": configuration.variants = [.invalid]
    case "all": configuration.variants = [.valid, .invalid]
    default: break
    }
    var faults = FaultPlan(seed: configuration.seed)
    if let text = arguments.value(Self.latency) {
      guard let latency = FaultPlan.parseLatency(text) else {
        throw .invalid("option '--latency' needs MS or MS:JITTER in milliseconds, not '\(text)'")
      }
      faults.latencyMilliseconds = latency.milliseconds
      faults.jitterMilliseconds = latency.jitter
    }
    for text in arguments.allValues(Self.fault) {
      guard let fault = FaultPlan.parseFault(text) else {
        let kinds = FaultPlan.Kind.allCases.map(\.rawValue).joined(separator: ", ")
        throw .invalid(
          "option '--fault' needs KIND:RATE with KIND one of \(kinds) and RATE 0-1 or N%, not '\(text)'"
        )
      }
      faults.faults.append(fault)
    }
    configuration.faults = faults
    configuration.enforce = arguments.flag(Self.enforce)
    return configuration
  }

  /// `--list-variants`: one line per variant customer.
  static func variantList() -> String {
    var lines: [String] = []
    for kind in ResponseVariant.Kind.allCases {
      for variant in ResponseVariant.all(kind) {
        let name = variant.name.padding(toLength: 24, withPad: " ", startingAt: 0)
        lines.append(
          "\(variant.customerID)  \(kind.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0))  \(name)  \(variant.summary)"
        )
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Returns when the process gets SIGINT or SIGTERM.
  private static func waitForSignal() async {
    let (signals, continuation) = AsyncStream.makeStream(of: Void.self)
    let cancellation = SignalCancellation { continuation.yield() }
    for await _ in signals { break }
    cancellation.stop()
  }
}
