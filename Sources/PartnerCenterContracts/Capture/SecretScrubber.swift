import Foundation

/// Removes secrets from text before it is written anywhere: recordings, logs, error messages.
///
/// Two nets: the exact values of the secrets in use, and anything shaped like a token
/// (`Bearer ...`, a JWT, `access_token=`/`refresh_token=`/`client_secret=`/`code=`
/// parameters and JSON members), so a token the API echoes back or a URL that carries one
/// is caught even when it is not one of ours.
public struct SecretScrubber: Sendable {
  /// What replaces a secret.
  public static let replacement = "<redacted>"

  private let secrets: [String]

  /// A scrubber for `secrets` (empty and very short values are ignored: they would match
  /// everywhere and cannot be tokens), each also as a server might echo it: percent-encoded,
  /// and in base64 (standard and URL-safe, with and without padding).
  public init(secrets: [Secret] = []) {
    var forms = Set<String>()
    for secret in secrets.map(\.revealed) where secret.utf8.count >= 8 {
      forms.insert(secret)
      for allowed in [CharacterSet.alphanumerics, .urlQueryAllowed, .urlPathAllowed] {
        if let encoded = secret.addingPercentEncoding(withAllowedCharacters: allowed) {
          forms.insert(encoded)
        }
      }
      let base64 = Data(secret.utf8).base64EncodedString()
      let unpadded = String(base64.prefix { $0 != "=" })
      let urlSafe = unpadded.replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_")
      forms.formUnion([base64, unpadded, urlSafe])
    }
    self.secrets = forms.sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
  }

  /// `text` with every secret and token-shaped value replaced.
  public func scrub(_ text: String) -> String {
    var result = text
    for secret in secrets where result.contains(secret) {
      result = result.replacing(secret, with: Self.replacement)
    }
    guard result.contains(where: Self.mayHoldToken) else { return result }
    result = result.replacing(Self.bearer) { "\($0.output.1)\(Self.replacement)" }
    result = result.replacing(Self.jwt) { _ in Self.replacement }
    result = result.replacing(Self.parameter) { "\($0.output.1)\(Self.replacement)" }
    result = result.replacing(Self.jsonMember) { "\($0.output.1)\(Self.replacement)\"" }
    return result
  }

  /// Characters without which none of the token shapes can occur; lets the common case skip
  /// the regular expressions.
  private static func mayHoldToken(_ character: Character) -> Bool {
    character == "=" || character == "\"" || character == "." || character == "B"
      || character == "b"
  }

  nonisolated(unsafe) private static let bearer = /(?i)(bearer\s+)[A-Za-z0-9\-._~+\/]+=*/
  nonisolated(unsafe) private static let jwt =
    /eyJ[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]*/
  nonisolated(unsafe) private static let parameter =
    /(?i)((?:access_token|refresh_token|id_token|client_secret|code|token|sig)=)[^&\s"']+/
  nonisolated(unsafe) private static let jsonMember =
    /(?i)("(?:access_token|refresh_token|id_token|client_secret)"\s*:\s*")[^"]*"/
}
