import JSONCore

/// Values from a response as a finding's message quotes them: at most ``limit`` characters,
/// longer ones cut with an ellipsis and their length given, so no value can make one message
/// (or a report) huge. Every message that quotes a value goes through here.
public enum MessageValue {
  /// The most characters of a value a message quotes.
  public static let limit = 120

  /// `text` in single quotes: `'o365'`.
  public static func quoted(_ text: String) -> String {
    "'" + capped(text) + "'"
  }

  /// `value` as compact JSON: `"o365"`, `12`, `{"a":1}`.
  public static func json(_ value: JSONValue) -> String {
    capped(JSONWriter.compact(value))
  }

  private static func capped(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard scalars.count > limit else { return text }
    let head = String(String.UnicodeScalarView(scalars.prefix(limit)))
    return "\(head)… (\(scalars.count) characters)"
  }
}
