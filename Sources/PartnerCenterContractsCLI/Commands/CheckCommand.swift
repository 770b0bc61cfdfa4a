import Foundation
import PartnerCenterContracts

/// `pc-contract check`: the CI job. Captures (live, or from `--base-url`), validates, applies
/// the rules, diffs against the stored recordings, writes the reports; or, `--offline`,
/// validates the stored recordings only.
public enum CheckCommand: Command {
  public static let name = "check"
  public static let reportSubject = "recording"

  static let recordings: ArgumentSpec.Option = .value(
    "--recordings", valueName: "DIR", help: "The stored recordings (default: recordings).")
  static let offline: ArgumentSpec.Option = .flag(
    "--offline", help: "Only validate the stored recordings; capture nothing.")
  static let record: ArgumentSpec.Option = .value(
    "--record", valueName: "MODE", allowed: RecordMode.allCases.map(\.rawValue),
    help:
      "Write captures into --recordings: none, missing (default; none when CI is set), all, failed."
  )
  static let config = ConfigurationOptions.config(
    help:
      "Base URL, customers, ignore rules, identity keys, fail-on, accepted drift (default: ./pc-contract.json if present)."
  )

  public static let arguments = ArgumentSpec(
    commandName: "pc-contract check",
    overview: "Capture, validate and diff against the stored recordings: the CI job.",
    usage: "[options]",
    options: [
      recordings, offline, record, config, FailOnOption.declaration, ConfigurationOptions.today,
    ] + ReportOptions.declarations
      + [OutputOptions.quiet, OutputOptions.verbose, OutputOptions.color]
      + ConnectionOptions.declarations,
    discussion: """
      Without credentials (PARTNER_CENTER_TOKEN, PARTNER_CENTER_REFRESH_TOKEN or their file
      options) and without --base-url, check says so and runs --offline: every stored
      recording is validated against the declared schemas and the rules. With --base-url and
      no credentials (a local 'pc-contract replay'), requests carry a placeholder token.

      Captures are held in memory and written into --recordings only as --record says, each
      file whole (temporary name, then rename), canonical, so the git diff is the review.
      --output takes FORMAT=FILE or a file whose extension names the format, as for diff.

      EXIT CODES: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage
      error; 3 could not run (credentials, network, the customer list, unreadable files).
      """)

  nonisolated(nonsending) public static func run(
    _ arguments: ParsedArguments, environment: [String: String], io: some CommandIO
  ) async throws -> Int32 {
    let reports = try ReportOptions(arguments, subjectNoun: reportSubject)
    let output = OutputOptions(arguments, environment: environment)
    let today = try ConfigurationOptions.day(arguments)
    var connection = try ConnectionOptions(arguments)
    let configuration = try ConfigurationOptions.load(arguments)
    let failLevel =
      FailOnOption.level(arguments, configured: configuration.failOn)
    let recordMode =
      arguments.value(Self.record).flatMap(RecordMode.init(rawValue:))
      ?? .default(environment: environment)
    let folder = arguments.value(Self.recordings) ?? "recordings"
    let check = ContractCheck(
      folder: folder, configuration: configuration, failLevel: failLevel, recordMode: recordMode,
      today: today)

    let baseURL = arguments.value(ConnectionOptions.baseURL) ?? configuration.baseURL
    // No credentials at all means offline; credentials given but unusable (an unreadable
    // --token-file, a refresh token without its client id) mean the run cannot happen.
    let credentials: CredentialSource?
    do throws(CredentialError) {
      credentials = try CredentialOptions.source(arguments, environment: environment)
    } catch {
      guard case .missing = error else { throw error }
      credentials = nil
    }
    var offline = arguments.flag(Self.offline)
    if !offline && credentials == nil && baseURL == nil {
      if !output.quiet {
        io.err(
          "pc-contract check: no credentials (PARTNER_CENTER_TOKEN or PARTNER_CENTER_REFRESH_TOKEN) and no --base-url: checking the stored recordings offline\n"
        )
      }
      offline = true
    }
    let store = RecordingStore(directory: folder)
    // A killed run's temporary files would otherwise stay and be committed with the folder;
    // both ways remove them.
    let outcome: ContractCheck.Outcome
    if offline {
      outcome = try check.offline(store: store, check: InputCheck(validator: ContractValidator()))
      guard !outcome.subjects.isEmpty else {
        throw CommandFailure.couldNotRun(
          "no recordings in '\(folder)' (files ending in .json): nothing to check offline")
      }
    } else {
      store.removeStaleTemporaryFiles()
      let stored: [RecordingStore.Entry]
      do {
        stored = try store.load()
      } catch {
        // Capturing into a folder that does not exist yet is how recordings start.
        if FileManager.default.fileExists(atPath: folder) { throw error }
        stored = []
      }
      // The configuration's base URL applies only without --base-url.
      if !connection.hasBaseURL, let configured = configuration.baseURL {
        connection.capture.baseURL = CaptureOptions.normalizedBaseURL(
          try ConnectionOptions.checkedBaseURL(configured, from: "pc-contract.json's baseURL"))
      }
      let source =
        credentials ?? .accessToken(Secret("pc-contract-placeholder-token"))
      let log = CaptureLog(
        io: io, live: io.isErrorTerminal && !output.quiet,
        verbose: output.verbose && !output.quiet)
      let captured = await capture(
        connection: connection, source: source, customers: configuration.customers, log: log)
      log.finish()
      switch captured {
      case .success(let captured):
        outcome = check.compare(
          stored: stored, captured: captured.recordings, failures: captured.failures,
          customersInScope: configuration.customers)
      case .failure(let failure):
        throw CommandFailure.couldNotRun(failure.text)
      }
    }
    for recording in outcome.writes { try store.write(recording) }
    let report = Report(
      command: name, subjects: outcome.subjects, findings: outcome.findings,
      failLevel: failLevel)
    try reports.writeFiles(report)
    reports.print(report, output: output, io: io)
    if !outcome.writes.isEmpty && !output.quiet {
      io.err(
        "pc-contract check: wrote \(Plural.counted(outcome.writes.count, "recording")) into \(folder) (--record \(recordMode.rawValue))\n"
      )
    }
    if outcome.failedCalls > 0 {
      io.err(
        "pc-contract check: \(Plural.counted(outcome.failedCalls, "call")) failed (an outage, not an answer): the check could not run for \(outcome.failedCalls == 1 ? "it" : "them")\n"
      )
      return ExitCode.couldNotRun
    }
    return report.fails ? ExitCode.findings : ExitCode.success
  }

  private struct CapturedRun: Sendable {
    var recordings: [ContractCheck.Captured]
    var failures: [Finding]
  }

  /// Captures the partner and the configured customers into memory.
  private static func capture(
    connection: ConnectionOptions, source: CredentialSource,
    customers: ContractConfiguration.Customers, log: CaptureLog
  ) async -> Result<CapturedRun, CaptureFailureMessage> {
    let options = connection.capture
    let transport = connection.transport()
    let tokens = AccessTokenProvider(
      source: source, transport: transport, timeout: options.requestTimeout)
    let capturer = Capturer(
      options: options, transport: transport, tokens: tokens, validator: ContractValidator())
    let held = HeldRecordings()
    var targets: [CaptureTarget] = [.partner]
    switch customers {
    case .all: targets.append(.allCustomers)
    case .ids(let ids): targets += ids.map { .customer($0) }
    }
    let capture = Task {
      try await capturer.run(
        targets,
        sink: { recording throws(RecordingStoreError) in
          held.append(recording)
          return nil
        }, events: { log.handle($0) })
    }
    let interruption = SignalCancellation { capture.cancel() }
    defer { interruption.stop() }
    let timer = RunDeadline(seconds: connection.deadline) { capture.cancel() }
    defer { timer.stop() }
    let summary: CaptureSummary
    do {
      summary = try await capture.value
    } catch {
      if timer.passed { return .failure(CaptureFailureMessage(text: timer.message)) }
      let scrubber = await tokens.scrubber()
      return .failure(CaptureFailureMessage(text: scrubber.scrub("\(error)")))
    }
    let recordings = held.all
    var findingsBySubject: [String: [Finding]] = [:]
    var failures: [Finding] = []
    for finding in summary.findings {
      if finding.kind.family == "capture" {
        failures.append(finding)
      } else {
        findingsBySubject[finding.subject ?? "", default: []].append(finding)
      }
    }
    let captured = recordings.map { recording in
      ContractCheck.Captured(
        recording: recording, findings: findingsBySubject[recording.endpoint.subject] ?? [])
    }
    return .success(CapturedRun(recordings: captured, failures: failures))
  }
}

/// A one-line reason a capture could not run.
struct CaptureFailureMessage: Error, Sendable {
  var text: String
}
