/// Checks each request a client sends against the request contract of the API reference
/// ("Headers"): a Bearer token, JSON accepted, `MS-RequestId` and `MS-CorrelationId` GUIDs, a
/// new correlation id per call, a request id reused only to retry the same call, a well-formed
/// `X-Locale`.
///
/// It remembers the ids it has seen (the most recent ``memory`` of them), so it is a value that
/// a server keeps behind a lock and feeds requests in arrival order.
public struct RequestContractChecker: Sendable {
  /// How many ids are remembered; older ones are forgotten so memory stays bounded.
  public var memory: Int

  private var requestTargets: [String: String] = [:]
  private var correlationRequests: [String: String] = [:]
  private var order: [(requestID: String?, correlationID: String?)] = []
  private var orderStart = 0

  /// A checker remembering up to `memory` requests.
  public init(memory: Int = 20_000) { self.memory = max(1, memory) }

  /// What a request amounts to.
  public struct Verdict: Sendable {
    /// The contract violations.
    public var findings: [Finding]
    /// Whether the request carries no usable Bearer token (answered 401).
    public var isUnauthorized: Bool
  }

  /// Checks `request`, sent to `subject` (an endpoint's subject), and remembers its ids.
  public mutating func check(_ request: HTTPServerRequest, subject: String) -> Verdict {
    var findings: [Finding] = []
    func add(_ severity: Severity, _ kind: String, _ header: String, _ message: String) {
      findings.append(
        Finding(
          severity: severity, kind: .request(check: kind), message: message, part: .requestHeaders,
          pointer: "/\(header)", expectation: "reference: request headers",
          subject: subject))
    }
    let headers = request.headers
    var isUnauthorized = false
    if let authorization = headers["Authorization"] {
      let parts = authorization.split(separator: " ", maxSplits: 1)
      if parts.count != 2 || parts[0].lowercased() != "bearer"
        || parts[1].trimmingHTTPWhitespace.isEmpty
      {
        isUnauthorized = true
        add(
          .error, "invalid-authorization", "Authorization", "Authorization is not 'Bearer <token>'")
      }
    } else {
      isUnauthorized = true
      add(.error, "missing-authorization", "Authorization", "no Authorization header")
    }
    if let accept = headers["Accept"] {
      let types = accept.split(separator: ",").map {
        $0.split(separator: ";").first.map { $0.trimmingHTTPWhitespace.lowercased() } ?? ""
      }
      if !types.contains(where: { ["application/json", "application/*", "*/*"].contains($0) }) {
        add(
          .error, "accept-not-json", "Accept",
          "Accept \(MessageValue.quoted(accept)) does not accept application/json"
        )
      }
    } else {
      add(.warning, "missing-accept", "Accept", "no Accept header; send Accept: application/json")
    }
    let requestID = guidHeader("MS-RequestId", in: headers, add: add)
    let correlationID = guidHeader("MS-CorrelationId", in: headers, add: add)
    if let locale = headers["X-Locale"], !Self.isWellFormedLocale(locale) {
      add(
        .error, "invalid-locale", "X-Locale",
        "X-Locale \(MessageValue.quoted(locale)) is not a language tag like en-US")
    }
    let target = "\(request.method) \(request.target)"
    var isRetry = false
    if let requestID {
      if let previous = requestTargets[requestID] {
        if previous == target {
          isRetry = true
        } else {
          add(
            .error, "reused-request-id", "MS-RequestId",
            "MS-RequestId \(requestID) was already used for \(MessageValue.quoted(previous)); a new call needs a new one"
          )
        }
      }
    }
    if let correlationID, let previous = correlationRequests[correlationID], !isRetry {
      add(
        .error, "reused-correlation-id", "MS-CorrelationId",
        "MS-CorrelationId \(correlationID) was already used"
          + (previous.isEmpty ? "" : " with MS-RequestId \(previous)")
          + "; every call needs a new one")
    }
    remember(requestID: requestID, target: target, correlationID: correlationID)
    return Verdict(findings: findings, isUnauthorized: isUnauthorized)
  }

  private func guidHeader(
    _ name: String, in headers: HTTPHeaders,
    add: (Severity, String, String, String) -> Void
  ) -> String? {
    let kind = name == "MS-RequestId" ? "request-id" : "correlation-id"
    guard let value = headers[name] else {
      add(.error, "missing-\(kind)", name, "no \(name) header; send a new GUID")
      return nil
    }
    guard Self.isGUID(value) else {
      add(.error, "invalid-\(kind)", name, "\(name) \(MessageValue.quoted(value)) is not a GUID")
      return nil
    }
    return value.lowercased()
  }

  private mutating func remember(requestID: String?, target: String, correlationID: String?) {
    if let requestID { requestTargets[requestID] = target }
    if let correlationID { correlationRequests[correlationID] = requestID ?? "" }
    order.append((requestID, correlationID))
    if order.count - orderStart > memory {
      let oldest = order[orderStart]
      orderStart += 1
      if let id = oldest.requestID { requestTargets[id] = nil }
      if let id = oldest.correlationID { correlationRequests[id] = nil }
      if orderStart > memory {
        order.removeFirst(orderStart)
        orderStart = 0
      }
    }
  }

  /// Whether `text` is a GUID in the 8-4-4-4-12 hex form (braces allowed, as .NET writes them).
  public static func isGUID(_ text: String) -> Bool {
    var guid = Substring(text)
    if guid.first == "{", guid.last == "}" { guid = guid.dropFirst().dropLast() }
    return GUID.isValid(guid)
  }

  /// Whether `text` is a BCP 47-shaped language tag: a 2-3 letter language, then subtags of
  /// 1-8 letters or digits (`en-US`, `zh-Hans-CN`).
  public static func isWellFormedLocale(_ text: String) -> Bool {
    let subtags = text.split(separator: "-", omittingEmptySubsequences: false)
    guard let language = subtags.first, (2...3).contains(language.count),
      language.allSatisfy({ $0.isASCII && $0.isLetter })
    else { return false }
    return subtags.dropFirst().allSatisfy { subtag in
      (1...8).contains(subtag.count)
        && subtag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
    }
  }
}
