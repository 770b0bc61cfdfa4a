import Foundation
import PartnerCenterContracts

/// `pc-contract capture`: records live responses of both endpoints.
public enum CaptureCommand: Command {
  public static let name = "capture"

  static let out: ArgumentSpec.Option = .value(
    "--out", valueName: "DIR", help: "Write recordings below DIR (default: recordings).")
  static let stdout: ArgumentSpec.Option = .flag(
    "--stdout", help: "Print the one recording (partner or one customer) instead of writing it.")
  static let resume: ArgumentSpec.Option = .flag(
    "--resume", help: "Skip endpoints whose recording already exists in --out.")

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract capture",
    overview: "Capture live responses of the partner and customer endpoints as recordings.",
    usage: "partner | customer ID... | customers | all [options]",
    options: [out, stdout] + ConnectionOptions.declarations + [
      resume,
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
    let toStdout = arguments.flag(Self.stdout)
    if toStdout, targets.count != 1 || targets.first == .allCustomers {
      throw UsageError.invalid(
        "--stdout prints one recording: use it with 'partner' or one customer id")
    }
    let connection = try ConnectionOptions(arguments)
    let options = connection.capture
    let failLevel = FailOnOption.level(arguments)
    let source = try CredentialOptions.source(arguments, environment: environment)
    let transport = connection.transport()
    let tokens = AccessTokenProvider(
      source: source, transport: transport, timeout: options.requestTimeout)
    let capturer = Capturer(
      options: options, transport: transport, tokens: tokens, validator: ContractValidator())
    let store = RecordingStore(directory: arguments.value(Self.out) ?? "recordings")
    if !toStdout { store.removeStaleTemporaryFiles() }
    let resume = arguments.flag(Self.resume)
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
    let timer = RunDeadline(seconds: connection.deadline) { capture.cancel() }
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
}
