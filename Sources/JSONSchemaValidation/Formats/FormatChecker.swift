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
    switch format {
    case "date-time": return withUTF8(string, DateTimeFormats.isDateTime)
    case "uuid": return withUTF8(string, UUIDFormat.isUUID)
    case "date": return withUTF8(string, DateTimeFormats.isDate)
    case "time": return withUTF8(string, DateTimeFormats.isTime)
    case "duration": return withUTF8(string, DurationFormat.isDuration)
    case "email": return withUTF8(string, EmailFormat.isEmail)
    case "idn-email": return withUTF8(string, EmailFormat.isIDNEmail)
    case "hostname": return withUTF8(string, HostnameFormat.isHostname)
    case "idn-hostname": return withUTF8(string, IDNHostnameFormat.isIDNHostname)
    case "ipv4": return withUTF8(string, IPFormats.isIPv4)
    case "ipv6": return withUTF8(string, IPFormats.isIPv6)
    case "uri": return withUTF8(string, URIFormats.isURI)
    case "uri-reference": return withUTF8(string, URIFormats.isURIReference)
    case "iri": return withUTF8(string, URIFormats.isIRI)
    case "iri-reference": return withUTF8(string, URIFormats.isIRIReference)
    case "uri-template": return withUTF8(string, URITemplateFormat.isURITemplate)
    case "json-pointer": return withUTF8(string, JSONPointerFormats.isJSONPointer)
    case "relative-json-pointer": return withUTF8(string, JSONPointerFormats.isRelativeJSONPointer)
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
