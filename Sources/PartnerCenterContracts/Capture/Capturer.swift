import Foundation
import JSONCore

/// Captures responses of the API: the partner endpoint, named customers, or every customer
/// of the customer list; validates each as it arrives and hands it to a sink that stores it.
///
/// Calls run in a task group of ``CaptureOptions/concurrency`` workers; the
/// ``AdaptiveLimiter`` lowers the number in flight while the API throttles. A 401 that a
/// fresh token does not cure stops the whole capture (``CaptureError/credentials(_:)``),
/// since every further call would fail the same way.
public struct Capturer: Sendable {
  /// Stores one captured recording (writes it, or prints it); returns the path written, if any.
  public typealias Sink = @Sendable (Recording) async throws(RecordingStoreError) -> String?

  private let options: CaptureOptions
  private let transport: any HTTPTransport
  private let tokens: AccessTokenProvider
  private let validator: ContractValidator

  /// A capturer.
  public init(
    options: CaptureOptions, transport: any HTTPTransport, tokens: AccessTokenProvider,
    validator: ContractValidator
  ) {
    self.options = options
    self.transport = transport
    self.tokens = tokens
    self.validator = validator
  }

  /// Response headers that change on every call and would make every re-recording a diff.
  public static let volatileResponseHeaders = [
    "Date", "MS-CV", "MS-ServerId", "MS-RequestId", "MS-CorrelationId", "Content-Length",
    "Connection", "Keep-Alive", "Transfer-Encoding", "Set-Cookie", "Request-Context",
    "X-MS-Request-Id", "Age", "Expires",
  ]
  /// Request headers left out of recordings: credentials and per-call ids.
  public static let unrecordedRequestHeaders =
    RecordingCodec.secretHeaderNames + [
      "MS-RequestId", "MS-CorrelationId",
    ]

  /// Captures `targets`; `skip` says which endpoints already have a recording (`--resume`).
  public func run(
    _ targets: [CaptureTarget], skip: @escaping @Sendable (Endpoint) -> Bool = { _ in false },
    sink: @escaping Sink, events: @escaping @Sendable (CaptureEvent) -> Void = { _ in }
  ) async throws(CaptureError) -> CaptureSummary {
    let client = CaptureClient(
      options: options, transport: transport, tokens: tokens,
      limiter: AdaptiveLimiter(maximum: options.concurrency), events: events)
    var endpoints: [Endpoint] = []
    var summary = CaptureSummary()
    for target in targets {
      switch target {
      case .partner: endpoints.append(.partnerLicensesUsage)
      case .customer(let id): endpoints.append(.customerLicensesUsage(customerID: id))
      case .allCustomers:
        let listing = try await CustomerLister(client: client, options: options, events: events)
          .list()
        endpoints += listing.ids.map { .customerLicensesUsage(customerID: $0) }
        summary.failed += listing.rejected.count
        summary.findings += listing.rejected
      }
    }
    var seen = Set<Endpoint>()
    endpoints = endpoints.filter { seen.insert($0).inserted }
    summary.planned = endpoints.count
    events(.planned(total: endpoints.count))

    let queue = WorkQueue(endpoints)
    let worker = Worker(
      client: client, options: options, validator: validator, tokens: tokens, sink: sink,
      skip: skip, events: events)
    let workers = min(options.concurrency, max(1, endpoints.count))
    do {
      try await withThrowingTaskGroup(of: Void.self) { group in
        for _ in 0..<workers {
          group.addTask {
            while let endpoint = await queue.next() {
              try Task.checkCancellation()
              let outcome = try await worker.capture(endpoint)
              await queue.record(outcome)
            }
          }
        }
        try await group.waitForAll()
      }
    } catch let error as CaptureError {
      throw error
    } catch {
      throw .cancelled
    }
    let outcomes = await queue.outcomes
    for outcome in outcomes {
      summary.findings += outcome.findings
      summary.subjects.append(Report.Subject(name: outcome.endpoint.subject, file: outcome.path))
      switch outcome.kind {
      case .recorded(let valid):
        summary.captured += 1
        if valid { summary.valid += 1 } else { summary.invalid += 1 }
      case .errorResponse:
        summary.captured += 1
        summary.errorResponses += 1
      case .failed: summary.failed += 1
      case .skipped: summary.skipped += 1
      }
    }
    return summary
  }
}

/// What happened to one endpoint.
struct CaptureOutcome: Sendable {
  enum Kind: Sendable {
    case recorded(valid: Bool)
    /// A documented error answer (404 for an unknown customer, 403), recorded as it is.
    case errorResponse
    case failed
    case skipped
  }
  var endpoint: Endpoint
  var kind: Kind
  var path: String?
  var findings: [Finding]
}

/// The endpoints still to capture, handed out one at a time, and what became of them (in
/// plan order, so reports do not depend on timing).
actor WorkQueue {
  private var pending: ArraySlice<Endpoint>
  private var order: [Endpoint: Int] = [:]
  private var results: [CaptureOutcome?]

  init(_ endpoints: [Endpoint]) {
    pending = endpoints[...]
    results = Array(repeating: nil, count: endpoints.count)
    for (index, endpoint) in endpoints.enumerated() { order[endpoint] = index }
  }

  func next() -> Endpoint? { pending.popFirst() }

  func record(_ outcome: CaptureOutcome) {
    if let index = order[outcome.endpoint] { results[index] = outcome }
  }

  var outcomes: [CaptureOutcome] { results.compactMap { $0 } }
}

/// Captures one endpoint: call, validate, scrub, store.
private struct Worker: Sendable {
  var client: CaptureClient
  var options: CaptureOptions
  var validator: ContractValidator
  var tokens: AccessTokenProvider
  var sink: Capturer.Sink
  var skip: @Sendable (Endpoint) -> Bool
  var events: @Sendable (CaptureEvent) -> Void

  func capture(_ endpoint: Endpoint) async throws(CaptureError) -> CaptureOutcome {
    if skip(endpoint) {
      events(.skipped(endpoint))
      return CaptureOutcome(endpoint: endpoint, kind: .skipped, findings: [])
    }
    if let customerID = endpoint.customerID, !isGUID(customerID) {
      return failure(endpoint, "customer id '\(customerID)' is not a GUID; nothing captured")
    }
    let exchange: CaptureClient.Exchange
    do {
      exchange = try await client.call(endpoint, url: options.url(for: endpoint))
    } catch {
      switch error {
      case .credentials(let error): throw .credentials(error)
      case .cancelled: throw .cancelled
      case .transport(let error, let attempts):
        let tries = attempts == 1 ? "1 attempt" : "\(attempts) attempts"
        return failure(endpoint, "\(error) (after \(tries)); nothing recorded")
      }
    }
    let status = exchange.response.status
    if RetryPolicy.isOutage(status: status) {
      let tries = exchange.attempts == 1 ? "1 attempt" : "\(exchange.attempts) attempts"
      return failure(
        endpoint,
        "the API answered HTTP \(status) after \(tries): an outage, not an answer; nothing recorded"
          + " (a stored recording is kept)")
    }
    let scrubber = await tokens.scrubber()
    let document = try? JSONParser.parse(exchange.response.body)
    let (recording, scrubbedPlaces) = makeRecording(
      endpoint, exchange, document: document, scrubber: scrubber)
    var verdict = validator.validate(
      ResponseUnderTest(
        endpoint: endpoint,
        request: RecordedRequest(url: recording.request.url, headers: exchange.request.headers),
        status: exchange.response.status, headers: exchange.response.headers,
        body: document?.value,
        bodyProblem: document == nil && !exchange.response.body.isEmpty
          ? "the body is not JSON" : nil,
        duplicateMembers: document?.duplicateMembers ?? []))
    if scrubbedPlaces > 0 {
      verdict.findings.append(
        Finding(
          severity: .info, kind: .captureSecretScrubbed,
          message:
            "the exchange held a credential or token-shaped value in \(Plural.counted(scrubbedPlaces, "place")); each is written as \(SecretScrubber.replacement)",
          part: .input, subject: endpoint.subject))
    }
    for index in verdict.findings.indices {
      verdict.findings[index].message = scrubber.scrub(verdict.findings[index].message)
      if verdict.findings[index].subject == nil {
        verdict.findings[index] = verdict.findings[index].with(subject: endpoint.subject)
      }
    }
    let path: String?
    do {
      path = try await sink(recording)
    } catch {
      throw .write(error)
    }
    for index in verdict.findings.indices where path != nil {
      verdict.findings[index].source = SourceReference(file: path ?? "")
    }
    events(
      .recorded(endpoint, status: exchange.response.status, path: path, findings: verdict.findings))
    let valid = !verdict.findings.contains { $0.severity == .error }
    return CaptureOutcome(
      endpoint: endpoint, kind: status >= 400 ? .errorResponse : .recorded(valid: valid),
      path: path, findings: verdict.findings)
  }

  private func failure(_ endpoint: Endpoint, _ reason: String) -> CaptureOutcome {
    events(.failed(endpoint, reason: reason))
    let finding = Finding(
      severity: .error, kind: .captureFailed, message: reason, part: .input,
      subject: endpoint.subject)
    return CaptureOutcome(endpoint: endpoint, kind: .failed, findings: [finding])
  }

  /// The recording of `exchange`, with every secret scrubbed from header names and values,
  /// the URL, member names and string values; and how many places held one.
  private func makeRecording(
    _ endpoint: Endpoint, _ exchange: CaptureClient.Exchange, document: JSONDocument?,
    scrubber: SecretScrubber
  ) -> (Recording, scrubbed: Int) {
    var places = 0
    func scrub(_ text: String) -> String {
      let result = scrubber.scrub(text)
      if result != text { places += 1 }
      return result
    }
    var requestHeaders = exchange.request.headers
    for name in Capturer.unrecordedRequestHeaders { requestHeaders.remove(name) }
    var responseHeaders = HTTPHeaders()
    for field in exchange.response.headers
    where !Capturer.volatileResponseHeaders.contains(where: {
      HTTPHeaders.namesMatch($0, field.name)
    }) {
      responseHeaders.append(name: scrub(field.name), value: scrub(field.value))
    }
    var response = RecordedResponse(
      status: exchange.response.status, headers: responseHeaders,
      bodyBytes: exchange.response.body, document: document)
    switch response.body {
    case .json(let value): response.body = .json(scrubbed(value, scrub))
    case .text(let text): response.body = .text(scrub(text))
    case .empty: break
    }
    let recording = Recording(
      endpoint: endpoint,
      request: RecordedRequest(
        method: exchange.request.method, url: scrub(exchange.request.url),
        headers: HTTPHeaders(
          requestHeaders.fields.map {
            HTTPHeaders.Field(name: scrub($0.name), value: scrub($0.value))
          })),
      response: response, capturedAt: UTCDate(options.now()).timestamp,
      toolVersion: ToolVersion.current)
    return (recording, places)
  }

  private func scrubbed(_ value: JSONValue, _ scrub: (String) -> String) -> JSONValue {
    switch value {
    case .string(let text): .string(scrub(text))
    case .array(let elements): .array(elements.map { scrubbed($0, scrub) })
    case .object(let object):
      // Member names too: a server may echo a token as a key. Two names that scrub alike
      // keep one member, at the first position (the recording must stay an object).
      .object(
        JSONObject(
          object.members.map {
            JSONObject.Member(key: scrub($0.key), value: scrubbed($0.value, scrub))
          }))
    default: value
    }
  }
}
