import Foundation
import PartnerCenterContracts

/// `pc-contract capture`: records live responses of both endpoints.
public enum CaptureCommand: Command {
  public static let name = "capture"

  /// The options about reaching the API: base URL, credentials, politeness. `check` takes
  /// the same ones.
  static let connectionOptions: [ArgumentSpec.Option] = [
    .value(
      "--base-url", valueName: "URL", help: "The API's base URL (default: the global cloud)."),
    .value(
      "--cloud", valueName: "CLOUD", allowed: ["global", "china"],
      help: "Shorthand for the base URL of a cloud."),
    .value("--locale", valueName: "LOCALE", help: "The X-Locale to send (default: en-US)."),
    .value("--application", valueName: "NAME", help: "The MS-PartnerCenter-Application to send."),
    .value(
      "--token-file", valueName: "PATH",
      help: "Read the access token from PATH (else PARTNER_CENTER_TOKEN)."),
    .value(
      "--refresh-token-file", valueName: "PATH",
      help: "Read a refresh token from PATH (else PARTNER_CENTER_REFRESH_TOKEN)."),
    .value(
      "--client-id", valueName: "ID",
      help: "The application id for the refresh token (else PARTNER_CENTER_CLIENT_ID)."),
    .value(
      "--client-secret-file", valueName: "PATH",
      help: "Read the client secret from PATH (else PARTNER_CENTER_CLIENT_SECRET)."),
    .value(
      "--tenant", valueName: "TENANT",
      help: "The tenant for the token exchange (else PARTNER_CENTER_TENANT, or common)."),
    .value(
      "--authority", valueName: "URL",
      help: "The token authority (default: https://login.microsoftonline.com)."),
    .value("--concurrency", valueName: "N", help: "Requests in flight at most (default: 8)."),
    .value(
      "--retries", valueName: "N",
      help: "Retries after 5xx, timeouts and dropped connections (default: 3)."),
    .value(
      "--timeout", valueName: "SECONDS",
      help: "Time allowed for one attempt, connect to last byte (default: 60)."),
    .value(
      "--connect-timeout", valueName: "SECONDS",
      help: "Time allowed to connect, and for any silence while receiving (default: 30)."),
    .value(
      "--page-size", valueName: "N",
      help: "Customers per page of the customer list (default: 100)."),
    .value(
      "--max-pages", valueName: "N",
      help: "Pages of the customer list followed at most (default: 10000)."),
    .value(
      "--max-customers", valueName: "N",
      help: "Customers the list may name at most (default: 1000000)."),
    .value(
      "--max-body-size", valueName: "SIZE",
      help: "Bytes of one response body at most, once decoded: N, NK, NM or NG (default: 256M)."),
    .value(
      "--deadline", valueName: "SECONDS",
      help: "Time allowed for the whole run; past it, the run stops and exits 3."),
  ]

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract capture",
    overview: "Capture live responses of the partner and customer endpoints as recordings.",
    usage: "partner | customer ID... | customers | all [options]",
    options: [
      .value("--out", valueName: "DIR", help: "Write recordings below DIR (default: recordings)."),
      .flag(
        "--stdout", help: "Print the one recording (partner or one customer) instead of writing it."
      ),
    ] + connectionOptions + [
      .flag("--resume", help: "Skip endpoints whose recording already exists in --out."),
      FailOnOption.declaration,
      OutputOptions.quiet, OutputOptions.verbose, OutputOptions.color,
    ],
    positionals: [
      ("partner", "The partner-level endpoint."),
      ("customer ID...", "The usage of the customers with these ids (GUIDs)."),
      ("customers", "The usage of every customer of the customer list."),
      ("all", "The partner endpoint and every customer."),
    ],
    discussion: """
      PROGRESS: on a terminal, one line redrawn in place (endpoints done of planned, elapsed,
      remaining, failed, throttled); each failed call on a line of its own; every call with
      --verbose; nothing but failures and the summary with --quiet.

      CREDENTIALS: an access token in PARTNER_CENTER_TOKEN or --token-file, or a refresh token
      in PARTNER_CENTER_REFRESH_TOKEN or --refresh-token-file with PARTNER_CENTER_CLIENT_ID
      (and PARTNER_CENTER_CLIENT_SECRET for confidential applications). No secret is taken from
      the command line, and none is written to recordings, logs or reports.

      EXIT CODES: 0 captured, nothing at or above --fail-on; 1 findings at or above it
      (invalid responses, failed calls); 2 usage error; 3 could not run (credentials,
      network, the customer list, an interrupted run).
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    let targets = try targets(arguments.positionals)
    let toStdout = arguments.flag("--stdout")
    if toStdout, targets.count != 1 || targets.first == .allCustomers {
      throw UsageError.invalid(
        "--stdout prints one recording: use it with 'partner' or one customer id")
    }
    let options = try captureOptions(arguments)
    let deadline = try deadline(arguments)
    let failLevel = FailOnOption.level(arguments)
    let source = try credentials(arguments, environment: environment)
    let connectTimeout = try wholeNumber(
      arguments, "--connect-timeout", default: 30, range: 1...3600)
    let transport = URLSessionTransport(
      maximumConnections: options.concurrency, idleTimeout: Double(connectTimeout),
      maximumBodySize: options.maximumBodySize)
    let tokens = AccessTokenProvider(
      source: source, transport: transport, timeout: options.requestTimeout)
    let capturer = Capturer(
      options: options, transport: transport, tokens: tokens, validator: ContractValidator())
    let store = RecordingStore(directory: arguments.value("--out") ?? "recordings")
    if !toStdout { store.removeStaleTemporaryFiles() }
    let resume = arguments.flag("--resume")
    let output = OutputOptions(arguments, environment: environment)
    let log = CaptureLog(
      io: io, live: io.isErrorTerminal && !output.quiet, verbose: output.verbose && !output.quiet)
    let printed = HeldRecordings()
    let sink: Capturer.Sink = { recording throws(RecordingStoreError) in
      if toStdout {
        printed.append(recording)
        return nil
      }
      return try store.write(recording)
    }
    let skip: @Sendable (Endpoint) -> Bool = { endpoint in
      resume && store.containsRecording(for: endpoint)
    }
    let capture = Task {
      try await capturer.run(targets, skip: skip, sink: sink) { log.handle($0) }
    }
    let interruption = SignalCancellation { capture.cancel() }
    defer { interruption.stop() }
    let timer = RunDeadline(seconds: deadline) { capture.cancel() }
    defer { timer.stop() }
    let summary: CaptureSummary
    do {
      summary = try await capture.value
    } catch let error as CaptureError {
      log.finish()
      if timer.passed, case .cancelled = error {
        throw CommandFailure.couldNotRun(timer.message)
      }
      let scrubber = await tokens.scrubber()
      throw CommandFailure.couldNotRun(scrubber.scrub(error.description))
    } catch {
      log.finish()
      throw CommandFailure.couldNotRun(timer.passed ? timer.message : "interrupted")
    }
    log.finish()
    if let recording = printed.all.first {
      io.out(String(decoding: RecordingCodec.encode(recording), as: UTF8.self))
    }
    // Findings worth a look, in the same one-line form as `validate`, before the summary.
    let text = TextReport(color: output.colors(terminal: io.isErrorTerminal))
    for finding in summary.findings.sorted(by: Finding.reportOrder)
    where finding.severity >= .warning {
      io.err(text.line(for: finding) + "\n")
    }
    let line =
      "captured \(summary.captured) of \(summary.planned): \(summary.valid) valid, \(summary.invalid) invalid"
      + (summary.errorResponses > 0
        ? ", \(Plural.counted(summary.errorResponses, "error response"))" : "")
      + ", \(summary.failed) failed"
      + (summary.skipped > 0 ? ", \(summary.skipped) skipped" : "") + "\n"
    let passes =
      summary.failed == 0 && !failLevel.isReached(by: summary.findings)
    if output.quiet && passes {
      // Nothing to say.
    } else if toStdout {
      io.err(line)
    } else {
      io.out(line)
    }
    // Failed calls are outages: nothing captured at all could not run; some failed, the run
    // fails, whatever --fail-on says.
    if summary.failed > 0 {
      return summary.captured == 0 && summary.skipped == 0
        ? ExitCode.couldNotRun : ExitCode.findings
    }
    return failLevel.isReached(by: summary.findings) ? ExitCode.findings : ExitCode.success
  }

  private static func targets(_ words: [String]) throws(UsageError) -> [CaptureTarget] {
    guard let first = words.first else {
      throw .invalid("say what to capture: partner, customer ID..., customers or all")
    }
    switch first {
    case "partner" where words.count == 1: return [.partner]
    case "customers" where words.count == 1: return [.allCustomers]
    case "all" where words.count == 1: return [.partner, .allCustomers]
    case "customer":
      let ids = words.dropFirst()
      guard !ids.isEmpty else {
        throw .invalid("'capture customer' needs at least one customer id")
      }
      if let bad = ids.first(where: { !isGUID($0) }) {
        throw .invalid("customer id '\(bad)' is not a GUID (8-4-4-4-12 hexadecimal digits)")
      }
      return ids.map { .customer($0) }
    case "partner", "customers", "all":
      throw .invalid("unexpected argument '\(words[1])' after '\(first)'")
    default:
      throw .invalid(
        "unknown capture target '\(first)'; use partner, customer ID..., customers or all")
    }
  }

  /// The credentials the command line and the environment name.
  static func credentials(_ arguments: ParsedArguments, environment: [String: String])
    throws(CredentialError) -> CredentialSource
  {
    try CredentialError.source(
      environment: environment, tokenFile: arguments.value("--token-file"),
      refreshTokenFile: arguments.value("--refresh-token-file"),
      clientID: arguments.value("--client-id"),
      clientSecretFile: arguments.value("--client-secret-file"),
      tenant: arguments.value("--tenant"), authority: arguments.value("--authority"))
  }

  static func wholeNumber(
    _ arguments: ParsedArguments, _ name: String, default value: Int, range: ClosedRange<Int>
  ) throws(UsageError) -> Int {
    guard let text = arguments.value(name) else { return value }
    guard let number = Int(text), range.contains(number) else {
      throw .invalid(
        "option '\(name)' needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
      )
    }
    return number
  }

  static func captureOptions(_ arguments: ParsedArguments) throws(UsageError)
    -> CaptureOptions
  {
    func number(_ name: String, default value: Int, range: ClosedRange<Int>) throws(UsageError)
      -> Int
    {
      guard let text = arguments.value(name) else { return value }
      guard let number = Int(text), range.contains(number) else {
        throw .invalid(
          "option '\(name)' needs a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
        )
      }
      return number
    }
    var baseURL = CaptureOptions.globalBaseURL
    if arguments.value("--cloud") == "china" { baseURL = CaptureOptions.chinaBaseURL }
    if let url = arguments.value("--base-url") {
      baseURL = try checkedBaseURL(url, from: "option '--base-url'")
    }
    var retryPolicy = RetryPolicy()
    retryPolicy.maximumRetries = try number("--retries", default: 3, range: 0...20)
    // No retries means none at all, throttled calls included.
    if retryPolicy.maximumRetries == 0 { retryPolicy.maximumThrottledRetries = 0 }
    var options = CaptureOptions(
      baseURL: baseURL, locale: arguments.value("--locale") ?? "en-US",
      application: arguments.value("--application"),
      concurrency: try number("--concurrency", default: 8, range: 1...256),
      retryPolicy: retryPolicy,
      requestTimeout: Double(try number("--timeout", default: 60, range: 1...3600)),
      customerPageSize: try number("--page-size", default: 100, range: 1...1000))
    options.maximumPages = try number("--max-pages", default: 10_000, range: 1...1_000_000)
    options.maximumCustomers = try number(
      "--max-customers", default: 1_000_000, range: 1...100_000_000)
    if let text = arguments.value("--max-body-size") {
      guard let size = byteSize(text), (1024...(16 << 30)).contains(size) else {
        throw .invalid(
          "option '--max-body-size' needs a size from 1K to 16G (N bytes, or NK, NM, NG), not '\(text)'"
        )
      }
      options.maximumBodySize = size
    }
    return options
  }

  /// The run's deadline in seconds, if `--deadline` sets one.
  static func deadline(_ arguments: ParsedArguments) throws(UsageError) -> Int? {
    guard arguments.value("--deadline") != nil else { return nil }
    return try wholeNumber(arguments, "--deadline", default: 0, range: 1...86_400)
  }

  /// A base URL that can be used and written: http or https, and without user information,
  /// which would otherwise travel into recordings and messages. The refusal does not repeat
  /// the URL, which holds the credentials.
  static func checkedBaseURL(_ url: String, from source: String) throws(UsageError) -> String {
    guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
      throw .invalid("\(source) needs an http or https URL")
    }
    let authority = url.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" && $0 != "?" }
    guard !authority.contains("@") else {
      throw .invalid(
        "\(source) holds user information (credentials before '@'), which would be written into recordings and reports: give the URL without it, and the token in PARTNER_CENTER_TOKEN"
      )
    }
    return url
  }

  /// `N`, `NK`, `NM` or `NG` (binary multiples) as a number of bytes.
  private static func byteSize(_ text: String) -> Int? {
    let units: [Character: Int] = ["K": 1 << 10, "M": 1 << 20, "G": 1 << 30]
    let upper = text.uppercased()
    if let unit = upper.last.flatMap({ units[$0] }) {
      return Int(upper.dropLast()).flatMap {
        $0.multipliedReportingOverflow(by: unit).overflow ? nil : $0 * unit
      }
    }
    return Int(upper)
  }
}
