/// Writes ``JSONValue``s as canonical JSON text.
///
/// - `pretty`: two-space indentation, one member or element per line, object members sorted
///   by name in code-point order, `": "` after names, LF line ends, empty containers as `{}`
///   and `[]`, and no trailing newline (callers add one when writing a file).
/// - `compact`: no whitespace; member order is kept unless `sortKeys` is set.
///
/// Numbers are written by ``JSONNumber/description`` and parse back to the same value.
/// Strings escape only what JSON requires: `"`, `\` and control characters (as `\b`, `\f`,
/// `\n`, `\r`, `\t` or `\u00xx`); everything else is written as UTF-8, unless
/// `escapeNonASCII` asks for `\uxxxx` escapes (with surrogate pairs above U+FFFF).
public enum JSONWriter {
  /// `value` as JSON text without whitespace.
  public static func compact(
    _ value: JSONValue, sortKeys: Bool = false, escapeNonASCII: Bool = false
  ) -> String {
    String(
      decoding: compactBytes(value, sortKeys: sortKeys, escapeNonASCII: escapeNonASCII),
      as: UTF8.self)
  }

  /// `value` as indented JSON text with sorted member names, or in their order when
  /// `sortKeys` is false (a file a person wrote, edited in place).
  public static func pretty(_ value: JSONValue, sortKeys: Bool = true, escapeNonASCII: Bool = false)
    -> String
  {
    String(
      decoding: prettyBytes(value, sortKeys: sortKeys, escapeNonASCII: escapeNonASCII),
      as: UTF8.self)
  }

  /// `value` as UTF-8 JSON text without whitespace.
  public static func compactBytes(
    _ value: JSONValue, sortKeys: Bool = false, escapeNonASCII: Bool = false
  ) -> [UInt8] {
    var emitter = Emitter(pretty: false, sortKeys: sortKeys, escapeNonASCII: escapeNonASCII)
    emitter.write(value, indent: 0)
    return emitter.bytes
  }

  /// `value` as UTF-8 indented JSON text with sorted member names (or in their order when
  /// `sortKeys` is false).
  public static func prettyBytes(
    _ value: JSONValue, sortKeys: Bool = true, escapeNonASCII: Bool = false
  ) -> [UInt8] {
    var emitter = Emitter(pretty: true, sortKeys: sortKeys, escapeNonASCII: escapeNonASCII)
    emitter.write(value, indent: 0)
    return emitter.bytes
  }
}

/// Appends JSON text to a byte buffer.
private struct Emitter {
  let pretty: Bool
  let sortKeys: Bool
  let escapeNonASCII: Bool
  var bytes: [UInt8] = []

  init(pretty: Bool, sortKeys: Bool, escapeNonASCII: Bool) {
    self.pretty = pretty
    self.sortKeys = sortKeys
    self.escapeNonASCII = escapeNonASCII
    bytes.reserveCapacity(256)
  }

  /// Writes `value`, whose first line is already indented `indent` levels.
  mutating func write(_ value: JSONValue, indent: Int) {
    switch value {
    case .null: append("null")
    case .bool(let flag): append(flag ? "true" : "false")
    case .number(let number):
      bytes.append(contentsOf: number.description.utf8)
    case .string(let string): writeString(string)
    case .array(let elements):
      guard !elements.isEmpty else { return append("[]") }
      bytes.append(UInt8(ascii: "["))
      for (position, element) in elements.enumerated() {
        if position > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        write(element, indent: indent + 1)
      }
      newline(indent)
      bytes.append(UInt8(ascii: "]"))
    case .object(let object):
      guard !object.isEmpty else { return append("{}") }
      bytes.append(UInt8(ascii: "{"))
      let members = sortKeys ? object.membersSortedByKey : object.members
      for (position, member) in members.enumerated() {
        if position > 0 { bytes.append(UInt8(ascii: ",")) }
        newline(indent + 1)
        writeString(member.key)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        write(member.value, indent: indent + 1)
      }
      newline(indent)
      bytes.append(UInt8(ascii: "}"))
    }
  }

  private mutating func append(_ text: StaticString) {
    text.withUTF8Buffer { bytes.append(contentsOf: $0) }
  }

  private mutating func newline(_ indent: Int) {
    guard pretty else { return }
    bytes.append(0x0A)
    bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
  }

  private mutating func writeString(_ string: String) {
    var string = string
    string.withUTF8 { utf8 in
      bytes.append(UInt8(ascii: "\""))
      var runStart = 0
      var index = 0
      while index < utf8.count {
        let byte = utf8[index]
        let needsEscape =
          byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
          || (byte >= 0x80 && escapeNonASCII)
        guard needsEscape else {
          index += 1
          continue
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        if byte >= 0x80 {
          let length = utf8SequenceLength(lead: byte)
          let scalar = decodeUTF8Scalar(utf8.baseAddress! + index, length: length)
          appendUnicodeEscape(scalar)
          index += length
        } else {
          appendEscape(byte)
          index += 1
        }
        runStart = index
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
      bytes.append(UInt8(ascii: "\""))
    }
  }

  private mutating func appendEscape(_ byte: UInt8) {
    bytes.append(UInt8(ascii: "\\"))
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
    case 0x08: bytes.append(UInt8(ascii: "b"))
    case 0x0C: bytes.append(UInt8(ascii: "f"))
    case 0x0A: bytes.append(UInt8(ascii: "n"))
    case 0x0D: bytes.append(UInt8(ascii: "r"))
    case 0x09: bytes.append(UInt8(ascii: "t"))
    default:
      bytes.removeLast()
      appendUTF16Escape(UInt16(byte))
    }
  }

  /// `\uxxxx`, or a surrogate pair of them above U+FFFF.
  private mutating func appendUnicodeEscape(_ scalar: UInt32) {
    if scalar > 0xFFFF {
      let offset = scalar - 0x10000
      appendUTF16Escape(UInt16(0xD800 + (offset >> 10)))
      appendUTF16Escape(UInt16(0xDC00 + (offset & 0x3FF)))
    } else {
      appendUTF16Escape(UInt16(scalar))
    }
  }

  private mutating func appendUTF16Escape(_ unit: UInt16) {
    let hex: StaticString = "0123456789abcdef"
    bytes.append(UInt8(ascii: "\\"))
    bytes.append(UInt8(ascii: "u"))
    hex.withUTF8Buffer { digits in
      for shift in stride(from: 12, through: 0, by: -4) {
        bytes.append(digits[Int(unit >> UInt16(shift) & 0xF)])
      }
    }
  }
}

/// The length of the UTF-8 sequence a (valid) lead byte starts.
private func utf8SequenceLength(lead: UInt8) -> Int {
  switch lead {
  case 0xF0...: return 4
  case 0xE0...: return 3
  case 0xC0...: return 2
  default: return 1
  }
}
