import Foundation
import JSONCore

/// Hands out access tokens: the configured one, or one exchanged from a refresh token and
/// renewed a few minutes before it expires, so a long capture never runs on a stale token.
///
/// Remembers every secret it has seen, so ``scrubber()`` can remove them from anything
/// written.
public actor AccessTokenProvider {
  private let source: CredentialSource
  private let transport: any HTTPTransport
  private let now: @Sendable () -> Date
  private let renewalMargin: Double
  private let timeout: Double
  private var current: (token: Secret, expires: Date?)?
  private var refreshToken: Secret?
  private var seenSecrets: [Secret] = []
  private var scrubberCache: (secrets: [Secret], scrubber: SecretScrubber)?
  private var pendingExchange: Task<IssuedToken, any Error>?

  /// A provider for `source`, exchanging over `transport` within `timeout` seconds (the
  /// run's `--timeout`); tokens are renewed `renewalMargin` seconds before they expire.
  public init(
    source: CredentialSource, transport: any HTTPTransport, renewalMargin: Double = 300,
    timeout: Double = 60, now: @escaping @Sendable () -> Date = { Date() }
  ) {
    self.source = source
    self.transport = transport
    self.renewalMargin = renewalMargin
    self.timeout = timeout
    self.now = now
    switch source {
    case .accessToken(let token):
      current = (token, nil)
      seenSecrets = [token]
    case .refreshToken(let grant):
      refreshToken = grant.refreshToken
      seenSecrets = [grant.refreshToken] + (grant.clientSecret.map { [$0] } ?? [])
    }
  }

  /// A token that is valid now.
  public func token() async throws(CredentialError) -> Secret {
    if let current, current.expires.map({ $0.timeIntervalSince(now()) > renewalMargin }) ?? true {
      return current.token
    }
    return try await exchange()
  }

  /// Forgets the current token after the API rejected it; the next ``token()`` exchanges a
  /// new one. Returns whether a new token can be had (false for a fixed access token).
  public func invalidate(_ rejected: Secret) -> Bool {
    guard case .refreshToken = source else { return false }
    if current?.token == rejected { current = nil }
    return true
  }

  /// A scrubber for every secret this provider has held.
  public func scrubber() -> SecretScrubber {
    // Made once per set of secrets: every captured response asks for it, and its forms
    // (percent-encoded, base64) cost more than a lookup.
    if let scrubberCache, scrubberCache.secrets == seenSecrets { return scrubberCache.scrubber }
    let scrubber = SecretScrubber(secrets: seenSecrets)
    scrubberCache = (seenSecrets, scrubber)
    return scrubber
  }

  private func exchange() async throws(CredentialError) -> Secret {
    guard case .refreshToken(let grant) = source else { throw .missing }
    // Concurrent callers share one exchange instead of each sending their own.
    let task: Task<IssuedToken, any Error>
    if let pendingExchange {
      task = pendingExchange
    } else {
      let refresh = refreshToken ?? grant.refreshToken
      let transport = transport
      let issued = now()
      let timeout = timeout
      task = Task {
        try await Self.requestToken(
          grant, refreshToken: refresh, transport: transport, issued: issued, timeout: timeout)
      }
      pendingExchange = task
    }
    do {
      let issued = try await task.value
      pendingExchange = nil
      current = (issued.accessToken, issued.expires)
      if let rotated = issued.refreshToken { refreshToken = rotated }
      for secret in [issued.accessToken, issued.refreshToken].compactMap({ $0 })
      where !seenSecrets.contains(secret) {
        seenSecrets.append(secret)
      }
      return issued.accessToken
    } catch let error as CredentialError {
      pendingExchange = nil
      throw error
    } catch {
      pendingExchange = nil
      throw .exchangeFailed(String(describing: error))
    }
  }

  private static func requestToken(
    _ grant: RefreshTokenGrant, refreshToken: Secret, transport: any HTTPTransport, issued: Date,
    timeout: Double
  ) async throws -> IssuedToken {
    var form = [
      ("grant_type", "refresh_token"), ("refresh_token", refreshToken.revealed),
      ("client_id", grant.clientID), ("resource", grant.resource),
    ]
    if let secret = grant.clientSecret { form.append(("client_secret", secret.revealed)) }
    let body = form.map { "\($0.0)=\(formEncode($0.1))" }.joined(separator: "&")
    var authority = grant.authority
    while authority.hasSuffix("/") { authority.removeLast() }
    let request = HTTPRequest(
      method: "POST", url: "\(authority)/\(formEncode(grant.tenant))/oauth2/token",
      headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
      body: Array(body.utf8))
    let response: HTTPResponse
    do {
      response = try await transport.send(request, timeout: timeout)
    } catch {
      throw CredentialError.exchangeFailed(error.description)
    }
    let json = try? JSONParser.parse(response.body).value
    guard response.status == 200 else {
      // The authority's error code (`invalid_grant`) is safe to show; its description may
      // quote the request, so it is left out.
      throw CredentialError.exchangeRejected(
        status: response.status, error: json?["error"]?.stringValue ?? "")
    }
    guard let accessToken = json?["access_token"]?.stringValue, !accessToken.isEmpty else {
      throw CredentialError.exchangeFailed("the authority's answer has no access_token")
    }
    let lifetime = json?["expires_in"].flatMap {
      $0.numberValue?.doubleValue ?? $0.stringValue.flatMap(Double.init)
    }
    return IssuedToken(
      accessToken: Secret(accessToken), expires: lifetime.map { issued.addingTimeInterval($0) },
      refreshToken: json?["refresh_token"]?.stringValue.map(Secret.init))
  }

  private static func formEncode(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}

/// What the authority issued: an access token, when it expires, and maybe a rotated
/// refresh token.
private struct IssuedToken: Sendable {
  var accessToken: Secret
  var expires: Date?
  var refreshToken: Secret?
}
