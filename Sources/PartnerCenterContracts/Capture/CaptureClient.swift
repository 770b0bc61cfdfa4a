import Foundation

/// One API call with the reference's request headers, retried as the ``RetryPolicy`` says.
///
/// Each call gets a new `MS-RequestId`, kept across its retries; every attempt gets a new
/// `MS-CorrelationId`. The bearer token is fetched per attempt, so a renewed token is used
/// as soon as it exists.
struct CaptureClient: Sendable {
  var options: CaptureOptions
  var transport: any HTTPTransport
  var tokens: AccessTokenProvider
  var limiter: AdaptiveLimiter
  var events: @Sendable (CaptureEvent) -> Void

  /// A complete exchange: the last attempt's request (with its real ids, without the token)
  /// and its response.
  struct Exchange: Sendable {
    var request: HTTPRequest
    var response: HTTPResponse
    var attempts: Int
  }

  /// Why a call ended without a response worth recording.
  enum CallError: Error {
    case transport(TransportError, attempts: Int)
    case credentials(CredentialError)
    case cancelled
  }

  /// Calls `url` for `endpoint`, with `extraHeaders` (the continuation token).
  func call(_ endpoint: Endpoint, url: String, extraHeaders: HTTPHeaders = [:])
    async throws(CallError) -> Exchange
  {
    let requestID = UUID().uuidString.lowercased()
    var retries = 0
    var throttledRetries = 0
    var renewedToken = false
    var attempts = 0
    while true {
      attempts += 1
      if Task.isCancelled { throw .cancelled }
      let token: Secret
      do {
        token = try await tokens.token()
      } catch {
        throw .credentials(error)
      }
      var headers = requestHeaders(requestID: requestID)
      for field in extraHeaders { headers.set(name: field.name, value: field.value) }
      var request = HTTPRequest(url: url, headers: headers)
      request.headers.append(name: "Authorization", value: "Bearer \(token.revealed)")
      await limiter.acquire()
      let outcome: Result<HTTPResponse, TransportError>
      do {
        outcome = .success(try await transport.send(request, timeout: options.requestTimeout))
      } catch {
        outcome = .failure(error)
      }
      await limiter.release()
      request.headers.remove("Authorization")

      switch outcome {
      case .failure(.cancelled):
        throw .cancelled
      case .failure(let error):
        guard error.isRetryable, retries < options.retryPolicy.maximumRetries else {
          throw .transport(error, attempts: attempts)
        }
        try await wait(endpoint, retry: retries, serverDelay: nil, reason: error.description)
        retries += 1
      case .success(let response) where response.status == 401:
        // One fresh token per call; a second 401 means the credentials are wrong.
        guard !renewedToken, await tokens.invalidate(token) else {
          throw .credentials(.rejectedByAPI(status: 401))
        }
        renewedToken = true
      case .success(let response) where response.status == 429:
        guard throttledRetries < options.retryPolicy.maximumThrottledRetries else {
          return Exchange(request: request, response: response, attempts: attempts)
        }
        let serverDelay = RetryPolicy.serverDelay(
          headers: response.headers, body: response.body,
          maximum: options.retryPolicy.maximumServerDelay)
        let delay = options.retryPolicy.delay(
          retry: throttledRetries, serverDelay: serverDelay, unit: Double.random(in: 0..<1))
        // The run's whole throttling wait is bounded: past it, the call is an outage.
        guard await limiter.spendThrottleWait(delay, budget: options.retryPolicy.throttleBudget)
        else {
          return Exchange(request: request, response: response, attempts: attempts)
        }
        await limiter.throttled()
        events(.throttled(endpoint, delay: delay, concurrency: await limiter.limit))
        try await sleep(seconds: delay)
        throttledRetries += 1
      case .success(let response)
      where RetryPolicy.isRetryable(status: response.status)
        && retries < options.retryPolicy.maximumRetries:
        try await wait(
          endpoint, retry: retries, serverDelay: nil, reason: "HTTP \(response.status)")
        retries += 1
      case .success(let response):
        if response.status < 400 { await limiter.succeeded() }
        return Exchange(request: request, response: response, attempts: attempts)
      }
    }
  }

  /// The headers of the reference's request contract, without `Authorization`.
  func requestHeaders(requestID: String) -> HTTPHeaders {
    var headers: HTTPHeaders = [
      "Accept": "application/json",
      "MS-RequestId": requestID,
      "MS-CorrelationId": UUID().uuidString.lowercased(),
      "X-Locale": options.locale,
      "MS-PartnerCenter-Client": "pc-contract",
      "MS-SdkVersion": ToolVersion.current,
      "User-Agent": "pc-contract/\(ToolVersion.current)",
    ]
    if let application = options.application {
      headers.append(name: "MS-PartnerCenter-Application", value: application)
    }
    return headers
  }

  private func wait(_ endpoint: Endpoint, retry: Int, serverDelay: Double?, reason: String)
    async throws(CallError)
  {
    let delay = options.retryPolicy.delay(
      retry: retry, serverDelay: serverDelay, unit: Double.random(in: 0..<1))
    events(.retrying(endpoint, retry: retry + 1, reason: reason, delay: delay))
    try await sleep(seconds: delay)
  }

  private func sleep(seconds: Double) async throws(CallError) {
    do {
      try await Task.sleep(for: .seconds(seconds))
    } catch {
      throw .cancelled
    }
  }
}
