import JSONCore

/// A JSON Pointer whose tokens may be `*`, matching any one token: `/items/*/processedDateTime`.
///
/// A pattern matches a pointer when it matches the pointer's first tokens, so a pattern also
/// covers everything below what it names. Patterns are written against the response body
/// (`/items/*/usagePercent`) or, when they start with `/response/` or `/request/`, against the
/// recording file (`/response/headers/X-Trace`, whose header names match case-insensitively).
public struct PointerPattern: Sendable, Hashable, CustomStringConvertible {
  /// The tokens, `*` for any.
  public var tokens: [String]

  /// The pattern's text.
  public var text: String

  /// Parses `text`, a JSON Pointer whose tokens may be `*`.
  public init(parsing text: String) throws(JSONPointerError) {
    self.tokens = try JSONPointer(parsing: text).tokens
    self.text = text
  }

  /// A pattern of `tokens`, as given.
  public init(tokens: [String]) {
    self.tokens = tokens
    self.text = JSONPointer(tokens: tokens).description
  }

  public var description: String { text }

  /// The pattern as a pointer into a recording file: body patterns gain `/response/body`.
  public var recordingTokens: [String] {
    if let first = tokens.first, first == "response" || first == "request" { return tokens }
    return ["response", "body"] + tokens
  }

  /// Whether the pattern matches `pointerTokens` (a pointer into the recording file) or
  /// something that contains it.
  public func matches(recordingPointer pointerTokens: [String]) -> Bool {
    let own = recordingTokens
    guard own.count <= pointerTokens.count else { return false }
    let isHeader = own.count >= 3 && own[1] == "headers"
    for (index, token) in own.enumerated() where token != "*" {
      let other = pointerTokens[index]
      if isHeader && index == 2 {
        if !HTTPHeaders.namesMatch(token, other) { return false }
      } else if token != other {
        return false
      }
    }
    return true
  }

  /// Whether the pattern matches a finding's part and pointer.
  public func matches(part: MessagePart, pointer: JSONPointer) -> Bool {
    // The prefixes are plain tokens (`/response/body`): no escapes to undo.
    let prefix = part.pointerPrefix.split(separator: "/").map(String.init)
    return matches(recordingPointer: prefix + pointer.tokens)
  }
}
