/// RFC 6901 JSON Pointer (`json-pointer`) and draft-bhutton-relative-json-pointer-00
/// (`relative-json-pointer`), in their JSON string forms.
enum JSONPointerFormats {
  /// `json-pointer = *( "/" reference-token )`, where `~` is only allowed as `~0` or `~1`.
  static func isJSONPointer(_ s: UTF8Bytes) -> Bool {
    isJSONPointer(s, from: 0)
  }

  /// `non-negative-integer ( "#" / json-pointer )`, the integer without leading zeros.
  static func isRelativeJSONPointer(_ s: UTF8Bytes) -> Bool {
    let end = s.count
    guard end > 0, s[0].isASCIIDigit else { return false }
    var i = 1
    if s[0] != UInt8(ascii: "0") {
      while i < end, s[i].isASCIIDigit { i += 1 }
    }
    if i < end, s[i] == UInt8(ascii: "#") {
      return i + 1 == end
    }
    return isJSONPointer(s, from: i)
  }

  private static func isJSONPointer(_ s: UTF8Bytes, from start: Int) -> Bool {
    let end = s.count
    guard start < end else { return true }
    guard s[start] == UInt8(ascii: "/") else { return false }
    var i = start + 1
    while i < end {
      if s[i] == UInt8(ascii: "~") {
        guard i + 1 < end, s[i + 1] == UInt8(ascii: "0") || s[i + 1] == UInt8(ascii: "1") else {
          return false
        }
        i += 2
      } else {
        i += 1
      }
    }
    return true
  }
}
