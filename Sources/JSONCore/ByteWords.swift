/// Eight bytes at a time: masks that mark bytes of a little-endian word, for scans that skip
/// the bytes they need not look at one by one.
///
/// A mask has the high bit set in each marked byte. Its lowest set bit marks the first match
/// exactly; bits above a true match may be spurious, so only the lowest one is a position.
enum ByteWords {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// The bytes of `word` equal to `byte`.
  @inline(__always)
  static func matches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let difference = word ^ (ones &* UInt64(byte))
    return (difference &- ones) & ~difference & highs
  }

  /// The bytes of `word` equal to `byte`, every one exactly (no spurious bits), for visiting
  /// all matches of a word in turn.
  @inline(__always)
  static func exactMatches(_ word: UInt64, _ byte: UInt8) -> UInt64 {
    let difference = word ^ (ones &* UInt64(byte))
    // Per byte: the high bit of (low seven bits + 0x7F) is set unless they are all zero, and
    // no carry crosses into the next byte.
    let nonzero = ((difference & ~highs) &+ ~highs) | difference
    return ~nonzero & highs
  }

  /// The bytes of `word` that continue a UTF-8 sequence (`10xxxxxx`); exact for every byte.
  @inline(__always)
  static func continuationBytes(_ word: UInt64) -> UInt64 {
    word & highs & ~((word &<< 1) & highs)
  }

  /// The index of the byte that the lowest set bit of `mask` marks.
  @inline(__always)
  static func firstIndex(_ mask: UInt64) -> Int {
    mask.trailingZeroBitCount &>> 3
  }

  /// The eight bytes at `offset`.
  @inline(__always)
  static func load(_ base: UnsafePointer<UInt8>, _ offset: Int) -> UInt64 {
    UInt64(littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
  }
}
