import Synchronization

/// A local mock of the Partner Center license-usage API that serves recordings, checks the
/// requests of its client, and injects faults and edge-case variants on request.
///
/// ```swift
/// let server = ReplayServer(configuration: ReplayConfiguration(recordings: recordings))
/// try server.start()
/// // point the client at http://127.0.0.1:\(server.port)
/// server.stop()
/// let findings = server.findings   // what the client got wrong
/// ```
public final class ReplayServer: Sendable {
  /// The configuration it was created with.
  public let configuration: ReplayConfiguration
  private let responder: ReplayResponder
  private let http: HTTPServer

  /// A server for `configuration`; nothing listens until ``start()``.
  public init(configuration: ReplayConfiguration) {
    self.configuration = configuration
    var variants: [ResponseVariant] = []
    for kind in ResponseVariant.Kind.allCases where configuration.variants.contains(kind) {
      variants += ResponseVariant.all(kind)
    }
    let catalog = ReplayCatalog(
      recordings: configuration.recordings,
      synthetic: SyntheticCustomers(
        count: configuration.synthesizedCustomers, seed: configuration.seed),
      variants: variants)
    let responder = ReplayResponder(catalog: catalog, configuration: configuration)
    self.responder = responder
    http = HTTPServer(
      configuration: HTTPServer.Configuration(
        host: configuration.host, port: configuration.port, limits: configuration.limits,
        maximumConnections: configuration.maximumConnections),
      reject: ReplayResponder.rejection,
      respond: { request in responder.respond(to: request) })
  }

  /// Starts listening; read ``port`` afterwards.
  public func start() throws(HTTPServerError) { try http.start() }

  /// The port it listens on (0 before ``start()``).
  public var port: Int { http.port }

  /// Stops and waits for every connection to end. Safe to call more than once.
  public func stop() { http.stop() }

  /// The customer ids served, in the order the customer list pages through them.
  public var customerIDs: [String] { responder.catalog.customers.map(\.id) }

  /// How many requests were answered so far (malformed ones not counted).
  public var requestCount: Int { responder.exchanges.requestCount }

  /// How many of them were answered 404 (an unknown path or customer, no recording).
  public var notFoundCount: Int { responder.exchanges.notFoundCount }

  /// Endpoints requested beyond those ``requestedSubjects`` lists (it keeps the first
  /// ``ReplayExchanges/subjectLimit``, so a day of requests for random customers stays small).
  public var unlistedSubjectCount: Int { responder.exchanges.unlistedSubjects }

  /// What the client got wrong so far: one finding per kind, endpoint and header, with how many
  /// requests it concerned.
  public var findings: [Finding] { responder.exchanges.findings }

  /// The endpoints requested so far (`partner-licenses-usage`, `customers`,
  /// `customer-licenses-usage/<id>`), sorted.
  public var requestedSubjects: [String] { responder.exchanges.subjects }
}

/// The state requests share: the contract checker's memory, the findings, the request count.
/// All of it is bounded, so a replay that runs all day keeps counts and first occurrences, not
/// a record per request.
final class ReplayExchanges: Sendable {
  /// The most distinct endpoints listed; past it, they are only counted.
  static let subjectLimit = 10_000
  private struct State: Sendable {
    var checker = RequestContractChecker()
    var log = ReplayFindingLog()
    var sequence: UInt64 = 0
    var notFound = 0
    var unrouted = 0
    var subjects: Set<String> = []
    var unlistedSubjects = 0
  }
  private let state = Mutex(State())

  /// Checks `request`, numbers it, and logs its findings; returns the verdict, the request's
  /// sequence number, and the findings not seen before.
  func record(_ request: HTTPServerRequest, subject: String)
    -> (verdict: RequestContractChecker.Verdict, sequence: UInt64, new: [Finding])
  {
    state.withLock { state in
      state.sequence += 1
      if state.subjects.count < Self.subjectLimit || state.subjects.contains(subject) {
        state.subjects.insert(subject)
      } else {
        state.unlistedSubjects += 1
      }
      let verdict = state.checker.check(request, subject: subject)
      let new = verdict.findings.filter { state.log.add($0) }
      return (verdict, state.sequence, new)
    }
  }

  /// Counts a request answered 404 (an unknown path or customer, or no recording); `routed`
  /// says whether it was already counted as a request to an endpoint.
  func countNotFound(routed: Bool = true) {
    state.withLock { state in
      state.notFound += 1
      if !routed { state.unrouted += 1 }
    }
  }

  var requestCount: Int { state.withLock { Int($0.sequence) + $0.unrouted } }
  var unlistedSubjects: Int { state.withLock { $0.unlistedSubjects } }
  var notFoundCount: Int { state.withLock { $0.notFound } }
  var findings: [Finding] { state.withLock { $0.log.findings } }
  var subjects: [String] { state.withLock { $0.subjects.sorted() } }
}
