/// GUIDs in their usual text form, `6b588e9b-1d02-471a-bce2-79374497c24e` (any case): the one
/// check behind customer ids, tracking headers, request checks and drift's format tracking.
public enum GUID {
  /// Whether `text` is 8-4-4-4-12 hexadecimal digits.
  public static func isValid(_ text: some StringProtocol) -> Bool {
    isValid(utf8: text.utf8)
  }

  /// Whether `bytes` are the UTF-8 of 8-4-4-4-12 hexadecimal digits.
  public static func isValid(utf8 bytes: some Collection<UInt8>) -> Bool {
    guard bytes.count == 36 else { return false }
    for (index, byte) in bytes.enumerated() {
      if index == 8 || index == 13 || index == 18 || index == 23 {
        guard byte == 0x2D else { return false }
      } else {
        let lower = byte | 0x20
        guard (byte >= 0x30 && byte <= 0x39) || (lower >= 0x61 && lower <= 0x66) else {
          return false
        }
      }
    }
    return true
  }
}

/// Whether `text` is a GUID in the 8-4-4-4-12 hexadecimal form (see ``GUID``).
public func isGUID(_ text: some StringProtocol) -> Bool { GUID.isValid(text) }
