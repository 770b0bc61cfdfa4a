/// Why a JSON text could not be parsed, and where.
///
/// The message says what was expected and what was found, for example
/// `line 3, column 17: expected ',' or '}' after object member, found '"'`.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Where the problem is: the first byte that could not be accepted.
  public var location: JSONSourceLocation
  /// What was expected and what was found, without the location.
  public var message: String

  /// Creates an error.
  public init(location: JSONSourceLocation, message: String) {
    self.location = location
    self.message = message
  }

  /// `line L, column C: message`.
  public var description: String { "\(location): \(message)" }
}

/// A parse failure before its line and column are known: the byte offset and the message.
///
/// The engine throws this; the public entry points turn it into a ``JSONParseError`` by
/// counting lines once, on the error path only.
struct ParseFailure: Error {
  var offset: Int
  var message: String
}

// MARK: - Describing what was found

/// Text naming the input at `offset` for a "found ..." clause: `'x'`, `end of input`,
/// `control character U+000A`, `'é' (U+00E9)` or `invalid UTF-8 byte 0xFF`.
func describeFound(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int) -> String {
  guard offset < count else { return "end of input" }
  let byte = base[offset]
  if byte < 0x20 || byte == 0x7F { return "control character \(unicodeName(UInt32(byte)))" }
  if byte < 0x80 { return "'\(Character(Unicode.Scalar(byte)))'" }
  switch validateUTF8Sequence(base, count: count, at: offset) {
  case .valid(let length):
    let scalar = decodeUTF8Scalar(base + offset, length: length)
    return "'\(Character(Unicode.Scalar(scalar)!))' (\(unicodeName(scalar)))"
  case .invalid:
    return "invalid UTF-8 byte \(hexByte(byte))"
  }
}

/// A hint appended to "expected a JSON value, found ..." for common non-JSON habits.
func valueHint(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int) -> String {
  guard offset < count else { return "" }
  switch base[offset] {
  case UInt8(ascii: "/"), UInt8(ascii: "#"): return " (comments are not allowed in JSON)"
  case UInt8(ascii: "N"), UInt8(ascii: "I"): return " (NaN and Infinity are not JSON numbers)"
  case UInt8(ascii: "+"): return " (a number may not start with '+')"
  case UInt8(ascii: "."): return " (a number must have a digit before '.')"
  case UInt8(ascii: "'"): return " (strings use double quotes)"
  case 0x0B, 0x0C, 0xC2, 0xE1, 0xE2, 0xE3, 0xEF:
    return whitespaceHint(base, count: count, at: offset)
  default: return ""
  }
}

/// `" (only space, tab, LF and CR are JSON whitespace)"` when the input at `offset` is other
/// Unicode whitespace (form feed, vertical tab, no-break space, line separator, BOM...).
func whitespaceHint(_ base: UnsafePointer<UInt8>, count: Int, at offset: Int) -> String {
  guard offset < count else { return "" }
  var scalar = UInt32(base[offset])
  if scalar >= 0x80 {
    guard case .valid(let length) = validateUTF8Sequence(base, count: count, at: offset) else {
      return ""
    }
    scalar = decodeUTF8Scalar(base + offset, length: length)
  }
  let isWhitespace =
    scalar == 0xFEFF || (Unicode.Scalar(scalar)?.properties.isWhitespace ?? false)
  return isWhitespace ? " (only space, tab, LF and CR are JSON whitespace)" : ""
}

/// `U+00E9`: at least four upper-case hex digits.
func unicodeName(_ scalar: UInt32) -> String {
  let hex = String(scalar, radix: 16, uppercase: true)
  return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}

/// `0xC0`.
func hexByte(_ byte: UInt8) -> String {
  let hex = String(byte, radix: 16, uppercase: true)
  return "0x" + (hex.count == 1 ? "0" : "") + hex
}
