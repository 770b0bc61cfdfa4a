import Foundation
import Synchronization
import Testing

@testable import PartnerCenterContracts

@Suite struct RetryPolicyTests {
  @Test func backsOffLikeTheSDKWithoutJitter() {
    let policy = RetryPolicy(jitter: 0)
    #expect(
      (0..<4).map { policy.delay(retry: $0, serverDelay: nil, unit: 0.5) } == [0.5, 1.5, 3.5, 7.5])
    #expect(RetryPolicy(maximumDelay: 2, jitter: 0).delay(retry: 5, serverDelay: nil, unit: 0) == 2)
  }

  @Test func jitterSpreadsWithinBounds() {
    let policy = RetryPolicy(jitter: 0.2)
    #expect(policy.delay(retry: 0, serverDelay: nil, unit: 0) == 0.4)
    #expect(abs(policy.delay(retry: 0, serverDelay: nil, unit: 0.999_999) - 0.6) < 0.001)
  }

  @Test func serverDelayIsHonouredAndCapped() {
    let policy = RetryPolicy(maximumServerDelay: 10, jitter: 0)
    #expect(policy.delay(retry: 0, serverDelay: 3, unit: 0.5) == 3)
    #expect(policy.delay(retry: 1, serverDelay: 3, unit: 0.5) == 3.5)
    #expect(policy.delay(retry: 0, serverDelay: 86_400, unit: 0.5) == 10)
  }

  @Test func readsRetryAfterOrTheThrottlingMessage() {
    #expect(RetryPolicy.serverDelay(headers: ["Retry-After": " 57 "], body: []) == 57)
    let body = Array(
      #"{"statusCode":429,"message":"Rate limit is exceeded. Try again in 12 seconds."}"#.utf8)
    #expect(RetryPolicy.serverDelay(headers: [:], body: body) == 12)
    #expect(RetryPolicy.serverDelay(headers: ["Retry-After": "soon"], body: []) == nil)
  }

  @Test func readsRetryAfterAsAnHTTPDateAndFallsBackOnAnythingElse() {
    let now = Date(timeIntervalSince1970: 784_111_777)  // Sun, 06 Nov 1994 08:49:37 GMT
    func delay(_ value: String) -> Double? {
      RetryPolicy.serverDelay(headers: ["Retry-After": value], body: [], now: now)
    }
    #expect(delay("Sun, 06 Nov 1994 08:50:07 GMT") == 30)
    #expect(delay("Sunday, 06-Nov-94 08:50:07 GMT") == 30)
    #expect(delay("Sun Nov  6 08:50:07 1994") == 30)
    // A date in the past means now.
    #expect(delay("Sun, 06 Nov 1994 08:00:00 GMT") == 0)
    for bad in ["-5", "NaN", "inf", "0x10", "", "1.5", "1e3", "99999999999", "121"] {
      #expect(delay(bad) == nil, "\(bad)")
    }
    // A date too far ahead falls back too (the policy's back-off applies).
    #expect(delay("Mon, 07 Nov 1994 08:49:37 GMT") == nil)
  }

  @Test func throttlingWaitsWithinTheRunsBudget() async {
    let limiter = AdaptiveLimiter(maximum: 4)
    #expect(await limiter.spendThrottleWait(200, budget: 300))
    #expect(await limiter.spendThrottleWait(100, budget: 300))
    #expect(!(await limiter.spendThrottleWait(1, budget: 300)))
  }

  @Test func scrubsSecretsPercentEncodedAndInBase64() {
    let secret = "tok+en/with=special-chars"
    let scrubber = SecretScrubber(secrets: [Secret(secret)])
    let base64 = Data(secret.utf8).base64EncodedString()
    let forms = [
      secret, secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "", base64,
      String(base64.prefix { $0 != "=" }),
    ]
    for form in forms {
      #expect(scrubber.scrub("x \(form) y") == "x \(SecretScrubber.replacement) y", "\(form)")
    }
    #expect(scrubber.scrub("nothing here") == "nothing here")
  }

  @Test func retryableStatuses() {
    #expect([408, 429, 500, 502, 503, 504].allSatisfy(RetryPolicy.isRetryable(status:)))
    #expect(![400, 401, 403, 404, 409, 501].contains(where: RetryPolicy.isRetryable(status:)))
  }
}

@Suite struct SecretScrubberTests {
  @Test func removesKnownSecretsAndTokenShapedText() {
    let scrubber = SecretScrubber(secrets: [Secret("canary-0123456789")])
    #expect(scrubber.scrub("x canary-0123456789 y") == "x <redacted> y")
    #expect(
      scrubber.scrub("Authorization: Bearer abc.def-ghi") == "Authorization: Bearer <redacted>")
    #expect(
      scrubber.scrub("https://h/p?size=5&access_token=abc123&x=1")
        == "https://h/p?size=5&access_token=<redacted>&x=1")
    #expect(scrubber.scrub(#"{"refresh_token": "r-123"}"#) == #"{"refresh_token": "<redacted>"}"#)
    #expect(scrubber.scrub("jwt eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl end") == "jwt <redacted> end")
    #expect(scrubber.scrub("OFFICE 365 BUSINESS ESSENTIALS") == "OFFICE 365 BUSINESS ESSENTIALS")
  }

  @Test func secretsNeverPrintThemselves() {
    let secret = Secret(" token-value\n")
    #expect("\(secret)" == "<redacted>")
    #expect(String(reflecting: secret) == "<redacted>")
    #expect(secret.revealed == "token-value")
  }
}

@Suite struct CredentialSourceTests {
  @Test func prefersTheTokenFileThenTheEnvironment() throws {
    let path = temporaryFolder()
    try "file-token\n".write(toFile: path, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(atPath: path) }
    let fromFile = try CredentialError.source(
      environment: ["PARTNER_CENTER_TOKEN": "env-token"], tokenFile: path, refreshTokenFile: nil,
      clientID: nil, clientSecretFile: nil, tenant: nil, authority: nil)
    guard case .accessToken(let token) = fromFile else {
      Issue.record("not an access token")
      return
    }
    #expect(token.revealed == "file-token")
  }

  @Test func refreshTokenNeedsAClientID() {
    #expect(throws: CredentialError.missingClientID) {
      try CredentialError.source(
        environment: ["PARTNER_CENTER_REFRESH_TOKEN": "r"], tokenFile: nil, refreshTokenFile: nil,
        clientID: nil, clientSecretFile: nil, tenant: nil, authority: nil)
    }
  }

  @Test func missingCredentialsSayWhatToSet() {
    #expect(throws: CredentialError.missing) {
      try CredentialError.source(
        environment: [:], tokenFile: nil, refreshTokenFile: nil, clientID: nil,
        clientSecretFile: nil, tenant: nil, authority: nil)
    }
    #expect(CredentialError.missing.description.contains("PARTNER_CENTER_TOKEN"))
    #expect(throws: CredentialError.unreadableFile(path: "/nonexistent/token")) {
      try CredentialError.source(
        environment: [:], tokenFile: "/nonexistent/token", refreshTokenFile: nil, clientID: nil,
        clientSecretFile: nil, tenant: nil, authority: nil)
    }
  }

  @Test func exchangesARefreshTokenOnceAndRenewsBeforeExpiry() async throws {
    let transport = ScriptedTransport { request, previous in
      let form = String(decoding: request.body, as: UTF8.self)
      guard request.url == "https://login.local/tenant-1/oauth2/token",
        form.contains("grant_type=refresh_token"),
        form.contains("refresh_token=refresh-secret-1"), form.contains("client_id=app")
      else {
        return .success(
          HTTPResponse(status: 400, body: Array(#"{"error":"invalid_request"}"#.utf8)))
      }
      return .success(
        HTTPResponse(
          status: 200,
          body: Array(#"{"access_token":"access-\#(previous)","expires_in":"3600"}"#.utf8)))
    }
    let clock = Mutex(Date(timeIntervalSince1970: 0))
    let provider = AccessTokenProvider(
      source: .refreshToken(
        RefreshTokenGrant(
          refreshToken: Secret("refresh-secret-1"), clientID: "app", tenant: "tenant-1",
          authority: "https://login.local/")),
      transport: transport, now: { clock.withLock { $0 } })
    async let first = provider.token()
    async let second = provider.token()
    #expect(try await [first, second].map(\.revealed) == ["access-0", "access-0"])
    #expect(transport.requests.count == 1)
    clock.withLock { $0 = Date(timeIntervalSince1970: 3400) }
    #expect(try await provider.token().revealed == "access-1")
    let scrubber = await provider.scrubber()
    #expect(
      scrubber.scrub("refresh-secret-1 access-0 access-1") == "<redacted> <redacted> <redacted>")
  }

  @Test func aRejectedRefreshTokenIsACredentialError() async {
    let transport = ScriptedTransport { _, _ in
      .success(
        HTTPResponse(
          status: 400,
          body: Array(
            #"{"error":"invalid_grant","error_description":"AADSTS refresh-secret-2 bad"}"#.utf8)))
    }
    let provider = AccessTokenProvider(
      source: .refreshToken(
        RefreshTokenGrant(refreshToken: Secret("refresh-secret-2"), clientID: "app")),
      transport: transport)
    await #expect(throws: CredentialError.exchangeRejected(status: 400, error: "invalid_grant")) {
      try await provider.token()
    }
  }
}

@Suite struct GUIDTests {
  @Test func recognisesGUIDs() {
    #expect(isGUID("0c39d6d5-c70d-4c55-bc02-f620844f3fd1"))
    #expect(isGUID("0C39D6D5-C70D-4C55-BC02-F620844F3FD1"))
    #expect(!isGUID("0c39d6d5c70d4c55bc02f620844f3fd1"))
    #expect(!isGUID("../../etc/passwd-aaaa-bbbb-cccc-dddddd"))
    #expect(!isGUID("0c39d6d5-c70d-4c55-bc02-f620844f3fdg"))
  }
}
