import JSONCore

/// Answers one request: routes it, checks it against the request contract, injects the fault
/// the plan draws for it, and serves the catalog's response with the request's ids echoed.
struct ReplayResponder: Sendable {
  let catalog: ReplayCatalog
  let configuration: ReplayConfiguration
  let exchanges = ReplayExchanges()

  /// The contract this server answers by, served at `GET /openapi.json` (no token needed,
  /// as a tool reads it before it has one).
  static let openAPIDocument: [UInt8] = {
    do {
      return Array(try OpenAPIDocument().text.utf8)
    } catch {
      return PartnerCenterErrorBody.error(code: 500, description: "\(error)")
    }
  }()

  /// How long a throttled client is told to wait; short, so tests and demos keep moving.
  static let retryAfterSeconds = 1

  func respond(to request: HTTPServerRequest) -> HTTPReply {
    var reply = route(request)
    for name in ["MS-RequestId", "MS-CorrelationId"] {
      if let value = request.headers[name] { reply.response.headers.set(name: name, value: value) }
    }
    return reply
  }

  private func route(_ request: HTTPServerRequest) -> HTTPReply {
    if request.path == "/openapi.json", request.method == "GET" {
      return HTTPReply(.json(200, Self.openAPIDocument))
    }
    guard let endpoint = Endpoint(url: request.path) else {
      exchanges.countNotFound(routed: false)
      return HTTPReply(
        PartnerCenterErrorBody.response(
          404, code: 404, description: "No API matches '\(request.path)'."))
    }
    guard request.method == "GET" else {
      return HTTPReply(
        PartnerCenterErrorBody.response(
          405, code: 405, description: "\(request.method) is not allowed on \(endpoint.path).",
          headers: ["Allow": "GET"]))
    }
    let (verdict, sequence, new) = exchanges.record(request, subject: endpoint.subject)
    if let onFinding = configuration.onFinding { new.forEach(onFinding) }
    if verdict.isUnauthorized {
      return HTTPReply(
        PartnerCenterErrorBody.response(
          401, code: 401, description: "Authorization: Bearer <token> is required.",
          headers: [
            "WWW-Authenticate": "OAuth realm=\"https://login.microsoftonline.com/\""
          ]))
    }
    if configuration.enforce, verdict.findings.contains(where: { $0.severity == .error }) {
      let messages = verdict.findings.filter { $0.severity == .error }.map(\.message)
      return HTTPReply(
        .json(
          400,
          PartnerCenterErrorBody.error(
            code: 400, description: "The request breaks the request contract.",
            data: messages)))
    }
    guard let served = answer(endpoint, request) else {
      exchanges.countNotFound()
      let description =
        switch endpoint {
        case .customerLicensesUsage(let id): "Customer '\(id)' was not found."
        default: "No partner licenses-usage response is served: record one or use --synthesize."
        }
      return HTTPReply(PartnerCenterErrorBody.response(404, code: 404, description: description))
    }
    let (delay, fault) = configuration.faults.decide(sequence: sequence)
    var reply = HTTPReply(
      HTTPResponse(status: served.status, headers: served.headers, body: served.body),
      delayMilliseconds: delay)
    switch fault {
    case nil: break
    case .throttle?:
      reply.response = .json(
        429, PartnerCenterErrorBody.throttled(retryAfterSeconds: Self.retryAfterSeconds),
        headers: ["Retry-After": String(Self.retryAfterSeconds)])
    case .internalError?:
      reply.response = PartnerCenterErrorBody.response(
        500, code: 500, description: "An internal error occurred (injected by replay).")
    case .unavailable?:
      reply.response = PartnerCenterErrorBody.response(
        503, code: 503, description: "The service is unavailable (injected by replay).",
        headers: ["Retry-After": String(Self.retryAfterSeconds)])
    case .reset?: reply.delivery = .reset
    case .truncate?: reply.delivery = .truncate
    case .slow?: reply.delivery = .trickle(chunks: 20, intervalMilliseconds: 50)
    }
    return reply
  }

  /// The catalog's answer, or nil for an unknown customer (or no partner recording).
  private func answer(_ endpoint: Endpoint, _ request: HTTPServerRequest) -> ServedResponse? {
    switch endpoint {
    case .partnerLicensesUsage:
      return catalog.partner
    case .customerLicensesUsage(let id):
      return catalog.customer(id).map(catalog.response(for:))
    case .customerList:
      do {
        let page = try CustomerListPage(
          customers: catalog.customers, query: request.queryItems,
          continuationToken: request.headers["MS-ContinuationToken"])
        return ServedResponse(
          status: 200, headers: ["Content-Type": "application/json; charset=utf-8"],
          body: JSONWriter.compactBytes(page.body))
      } catch {
        let description =
          switch error {
          case .invalidSize(let size):
            "size '\(size)' is not a number from 1 to \(CustomerListPage.maximumSize)."
          case .invalidToken: "MS-ContinuationToken is missing or not one this server issued."
          }
        let response = PartnerCenterErrorBody.response(400, code: 400, description: description)
        return ServedResponse(
          status: response.status, headers: response.headers, body: response.body)
      }
    }
  }

  /// The answer to bytes that are not a request: the error's status, a Partner Center body.
  static func rejection(_ error: HTTPRequestError) -> HTTPResponse {
    PartnerCenterErrorBody.response(error.status, code: error.status, description: "\(error).")
  }
}
