import PartnerCenterContracts

/// Where the credentials come from: the file options here, else the environment. One
/// declaration and one reading for `capture` and `check`; no secret is taken from the
/// command line itself.
enum CredentialOptions {
  static let tokenFile: ArgumentSpec.Option = .value(
    "--token-file", valueName: "PATH",
    help: "Read the access token from PATH (else PARTNER_CENTER_TOKEN).")
  static let refreshTokenFile: ArgumentSpec.Option = .value(
    "--refresh-token-file", valueName: "PATH",
    help: "Read a refresh token from PATH (else PARTNER_CENTER_REFRESH_TOKEN).")
  static let clientID: ArgumentSpec.Option = .value(
    "--client-id", valueName: "ID",
    help: "The application id for the refresh token (else PARTNER_CENTER_CLIENT_ID).")
  static let clientSecretFile: ArgumentSpec.Option = .value(
    "--client-secret-file", valueName: "PATH",
    help: "Read the client secret from PATH (else PARTNER_CENTER_CLIENT_SECRET).")
  static let tenant: ArgumentSpec.Option = .value(
    "--tenant", valueName: "TENANT",
    help: "The tenant for the token exchange (else PARTNER_CENTER_TENANT, or common).")
  static let authority: ArgumentSpec.Option = .value(
    "--authority", valueName: "URL",
    help: "The token authority (default: https://login.microsoftonline.com).")

  /// The options, in the order help lists them.
  static let declarations = [
    tokenFile, refreshTokenFile, clientID, clientSecretFile, tenant, authority,
  ]

  /// The credentials the command line and the environment name; ``CredentialError/missing``
  /// when there are none.
  static func source(_ arguments: ParsedArguments, environment: [String: String])
    throws(CredentialError) -> CredentialSource
  {
    try CredentialError.source(
      environment: environment, tokenFile: arguments.value(tokenFile),
      refreshTokenFile: arguments.value(refreshTokenFile), clientID: arguments.value(clientID),
      clientSecretFile: arguments.value(clientSecretFile), tenant: arguments.value(tenant),
      authority: arguments.value(authority))
  }
}
