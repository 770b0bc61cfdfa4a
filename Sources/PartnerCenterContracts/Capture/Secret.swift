/// A credential: an access token, a refresh token, a client secret.
///
/// Its description is `<redacted>`, so interpolating one into a message, a log line or an
/// error cannot leak it; the value is only reachable through ``revealed``, which the code
/// calls at the one place a secret is sent.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
  private let value: String

  /// Wraps `value`, trimming surrounding whitespace and newlines (as read from a file).
  public init(_ value: String) {
    self.value = value.trimmingWhitespace()
  }

  /// The secret itself, for the `Authorization` header or the token request only.
  public var revealed: String { value }

  /// Whether the secret is empty.
  public var isEmpty: Bool { value.isEmpty }

  public var description: String { "<redacted>" }
  public var debugDescription: String { "<redacted>" }
}

extension String {
  /// The string without leading and trailing spaces, tabs, CR and LF.
  func trimmingWhitespace() -> String {
    let isSpace: (Character) -> Bool = {
      $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
    }
    guard let first = firstIndex(where: { !isSpace($0) }),
      let last = lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(self[first...last])
  }
}
