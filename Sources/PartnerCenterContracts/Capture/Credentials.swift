import Foundation

/// Where the access token for the API comes from.
public enum CredentialSource: Sendable {
  /// A ready access token (`PARTNER_CENTER_TOKEN` or `--token-file`).
  case accessToken(Secret)
  /// A refresh token exchanged at the authority for access tokens, renewed as they expire.
  case refreshToken(RefreshTokenGrant)
}

/// What the refresh-token exchange needs (`POST {authority}/{tenant}/oauth2/token`).
public struct RefreshTokenGrant: Sendable {
  /// The refresh token.
  public var refreshToken: Secret
  /// The application (client) id.
  public var clientID: String
  /// The client secret, for confidential applications.
  public var clientSecret: Secret?
  /// The tenant id or domain (`common` when not given).
  public var tenant: String
  /// The authority's base URL, `https://login.microsoftonline.com` by default.
  public var authority: String
  /// The resource the token is for.
  public var resource: String

  /// The Partner Center resource.
  public static let partnerCenterResource = "https://api.partnercenter.microsoft.com"
  /// The global authority.
  public static let globalAuthority = "https://login.microsoftonline.com"

  /// Creates a grant.
  public init(
    refreshToken: Secret, clientID: String, clientSecret: Secret? = nil, tenant: String = "common",
    authority: String = RefreshTokenGrant.globalAuthority,
    resource: String = RefreshTokenGrant.partnerCenterResource
  ) {
    self.refreshToken = refreshToken
    self.clientID = clientID
    self.clientSecret = clientSecret
    self.tenant = tenant
    self.authority = authority
    self.resource = resource
  }
}

/// Why no usable access token could be had. Each case says what to set.
public enum CredentialError: Error, Sendable, Equatable, CustomStringConvertible {
  /// No credential was configured.
  case missing
  /// A refresh token was given without the client id it belongs to.
  case missingClientID
  /// A credential file could not be read or is empty.
  case unreadableFile(path: String)
  /// The authority refused the refresh token (status and its error code, never the token).
  case exchangeRejected(status: Int, error: String)
  /// The authority could not be reached or answered something that is not a token.
  case exchangeFailed(String)
  /// The API refused the token (401 or 403 on the first request).
  case rejectedByAPI(status: Int)

  public var description: String {
    switch self {
    case .missing:
      "no credentials: set PARTNER_CENTER_TOKEN (or --token-file PATH) to an access token, or PARTNER_CENTER_REFRESH_TOKEN (or --refresh-token-file PATH) with PARTNER_CENTER_CLIENT_ID (or --client-id) to exchange a refresh token"
    case .missingClientID:
      "a refresh token needs the application's client id: set PARTNER_CENTER_CLIENT_ID or pass --client-id"
    case .unreadableFile(let path):
      "cannot read a credential from '\(path)' (missing, unreadable or empty)"
    case .exchangeRejected(let status, let error):
      "the authority rejected the refresh token (HTTP \(status)\(error.isEmpty ? "" : ", \(error)")): renew PARTNER_CENTER_REFRESH_TOKEN"
    case .exchangeFailed(let reason): "cannot exchange the refresh token: \(reason)"
    case .rejectedByAPI(let status):
      "the API rejected the access token (HTTP \(status)): check that PARTNER_CENTER_TOKEN (or the refresh token) is current and is an App+User token for https://api.partnercenter.microsoft.com"
    }
  }

  /// Reads the credential configuration from the environment and credential files. No
  /// secret is ever taken from the command line: files and environment variables only.
  public static func source(
    environment: [String: String], tokenFile: String?, refreshTokenFile: String?,
    clientID: String?, clientSecretFile: String?, tenant: String?, authority: String?
  ) throws(CredentialError) -> CredentialSource {
    if let tokenFile { return .accessToken(try readSecret(atPath: tokenFile)) }
    if let token = environment["PARTNER_CENTER_TOKEN"].map(Secret.init), !token.isEmpty {
      return .accessToken(token)
    }
    let refreshToken: Secret
    if let refreshTokenFile {
      refreshToken = try readSecret(atPath: refreshTokenFile)
    } else if let token = environment["PARTNER_CENTER_REFRESH_TOKEN"].map(Secret.init),
      !token.isEmpty
    {
      refreshToken = token
    } else {
      throw .missing
    }
    guard let clientID = clientID ?? environment["PARTNER_CENTER_CLIENT_ID"], !clientID.isEmpty
    else { throw .missingClientID }
    var clientSecret: Secret?
    if let clientSecretFile {
      clientSecret = try readSecret(atPath: clientSecretFile)
    } else if let secret = environment["PARTNER_CENTER_CLIENT_SECRET"].map(Secret.init),
      !secret.isEmpty
    {
      clientSecret = secret
    }
    return .refreshToken(
      RefreshTokenGrant(
        refreshToken: refreshToken, clientID: clientID, clientSecret: clientSecret,
        tenant: tenant ?? environment["PARTNER_CENTER_TENANT"] ?? "common",
        authority: authority ?? environment["PARTNER_CENTER_AUTHORITY"]
          ?? RefreshTokenGrant.globalAuthority))
  }

  private static func readSecret(atPath path: String) throws(CredentialError) -> Secret {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else { throw .unreadableFile(path: path) }
    let secret = Secret(text)
    guard !secret.isEmpty else { throw .unreadableFile(path: path) }
    return secret
  }
}
