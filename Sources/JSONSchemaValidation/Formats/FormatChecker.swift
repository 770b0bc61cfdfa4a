/// Assertion checks for the JSON Schema draft 2020-12 `format` values.
///
/// Each check follows the grammar of the RFC that the specification names for the format and
/// reads the string's UTF-8 bytes directly.
public enum FormatChecker {
  /// The `format` values that `check(format:string:)` asserts. Any other value (including
  /// `regex`, which the validator checks itself) is an annotation only.
  public static let assertedFormats: Set<String> = [
    "date-time", "date", "time", "duration", "uuid", "email", "idn-email", "hostname",
    "idn-hostname", "ipv4", "ipv6", "uri", "uri-reference", "iri", "iri-reference", "uri-template",
    "json-pointer", "relative-json-pointer",
  ]

  /// Whether `string` is a valid instance of `format`.
  ///
  /// - Returns: `nil` when the format is not one this library asserts (unknown formats are
  ///   annotations only), otherwise whether the string conforms.
  public static func check(format: String, string: String) -> Bool? {
    guard let check = byteCheck(for: format) else { return nil }
    return withUTF8(string, check)
  }

  /// The check of an asserted `format` as a function of the string's UTF-8 bytes, so that a
  /// compiled schema looks the format up once rather than per value; `nil` for formats this
  /// library does not assert, and for `regex`, which the validator checks itself.
  static func byteCheck(for format: String) -> (@Sendable (UTF8Bytes) -> Bool)? {
    switch format {
    case "date-time": return DateTimeFormats.isDateTime
    case "uuid": return UUIDFormat.isUUID
    case "date": return DateTimeFormats.isDate
    case "time": return DateTimeFormats.isTime
    case "duration": return DurationFormat.isDuration
    case "email": return EmailFormat.isEmail
    case "idn-email": return EmailFormat.isIDNEmail
    case "hostname": return HostnameFormat.isHostname
    case "idn-hostname": return IDNHostnameFormat.isIDNHostname
    case "ipv4": return IPFormats.isIPv4
    case "ipv6": return IPFormats.isIPv6
    case "uri": return URIFormats.isURI
    case "uri-reference": return URIFormats.isURIReference
    case "iri": return URIFormats.isIRI
    case "iri-reference": return URIFormats.isIRIReference
    case "uri-template": return URITemplateFormat.isURITemplate
    case "json-pointer": return JSONPointerFormats.isJSONPointer
    case "relative-json-pointer": return JSONPointerFormats.isRelativeJSONPointer
    default: return nil
    }
  }

  /// Runs `body` over the UTF-8 bytes of `string`, copying only if the storage is not contiguous.
  @inline(__always)
  static func withUTF8(_ string: String, _ body: (UTF8Bytes) -> Bool) -> Bool {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) {
      return result
    }
    var copy = string
    copy.makeContiguousUTF8()
    return copy.utf8.withContiguousStorageIfAvailable(body) ?? false
  }
}

/// The UTF-8 code units of a string being checked.
typealias UTF8Bytes = UnsafeBufferPointer<UInt8>

extension UInt8 {
  /// The value of an ASCII decimal digit, or a value of 10 or more for any other byte.
  @inline(__always)
  var decimalDigitValue: UInt8 { self &- UInt8(ascii: "0") }

  /// Whether this is an ASCII decimal digit.
  @inline(__always)
  var isASCIIDigit: Bool { decimalDigitValue < 10 }

  /// Whether this is an ASCII letter.
  @inline(__always)
  var isASCIILetter: Bool { (self | 0x20) &- UInt8(ascii: "a") < 26 }

  /// Whether this is an ASCII hexadecimal digit of either case.
  @inline(__always)
  var isASCIIHexDigit: Bool { isASCIIDigit || (self | 0x20) &- UInt8(ascii: "a") < 6 }

  /// This byte with ASCII upper-case letters folded to lower case.
  @inline(__always)
  var asciiLowercased: UInt8 { (self &- UInt8(ascii: "A")) < 26 ? self | 0x20 : self }
}
