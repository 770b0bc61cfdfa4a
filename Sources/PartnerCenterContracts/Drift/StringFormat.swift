/// The formats the drift engine tracks in string values: GUIDs and RFC 3339-like date-times
/// (with or without an offset, with or without fractional seconds).
struct StringFormat {
  var isGUID = false
  var isDateTime = false
  var hasOffset = false
  var hasFraction = false

  init(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
      if bytes.count == 36 {
        isGUID = GUID.isValid(utf8: bytes)
      } else if bytes.count >= 19 {
        classifyDateTime(bytes)
      }
    }
  }

  private static let dateTimeShape = Array("dddd-dd-ddTdd:dd:dd".utf8)

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  /// `YYYY-MM-DDTHH:MM:SS`, then `.digits`, then `Z` or `+HH:MM` / `-HH:MM`, or nothing.
  private mutating func classifyDateTime(_ bytes: UnsafeBufferPointer<UInt8>) {
    for (index, expected) in StringFormat.dateTimeShape.enumerated() {
      let byte = bytes[index]
      switch expected {
      case UInt8(ascii: "d"): if !StringFormat.isDigit(byte) { return }
      case UInt8(ascii: "T"): if byte | 0x20 != UInt8(ascii: "t") && byte != 0x20 { return }
      default: if byte != expected { return }
      }
    }
    var index = 19
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      let start = index
      while index < bytes.count && StringFormat.isDigit(bytes[index]) { index += 1 }
      if index == start { return }
      hasFraction = true
    }
    if index == bytes.count {
      isDateTime = true
      return
    }
    let byte = bytes[index]
    if byte | 0x20 == UInt8(ascii: "z") && index + 1 == bytes.count {
      isDateTime = true
      hasOffset = true
    } else if (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")) && index + 6 == bytes.count
      && StringFormat.isDigit(bytes[index + 1]) && StringFormat.isDigit(bytes[index + 2])
      && bytes[index + 3] == UInt8(ascii: ":") && StringFormat.isDigit(bytes[index + 4])
      && StringFormat.isDigit(bytes[index + 5])
    {
      isDateTime = true
      hasOffset = true
    }
  }
}
