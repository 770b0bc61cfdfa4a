import Testing

@testable import JSONCore

@Suite struct ByteWordsTests {
  /// The high bit of every byte of `word` that `isMarked` accepts.
  func reference(_ word: UInt64, _ isMarked: (UInt8) -> Bool) -> UInt64 {
    var mask: UInt64 = 0
    for index in 0..<8 where isMarked(UInt8(truncatingIfNeeded: word >> (index * 8))) {
      mask |= 0x80 << (index * 8)
    }
    return mask
  }

  @Test func masksAgreeWithAByteByByteReading() {
    var generator = SystemRandomNumberGenerator()
    let interesting: [UInt8] = [0x00, 0x01, 0x22, 0x23, 0x5C, 0x7B, 0x7F, 0x80, 0xA2, 0xC3, 0xFF]
    for _ in 0..<20_000 {
      var word: UInt64 = 0
      for index in 0..<8 {
        let byte =
          Bool.random(using: &generator)
          ? interesting.randomElement(using: &generator)!
          : UInt8.random(in: 0...255, using: &generator)
        word |= UInt64(byte) << (index * 8)
      }
      for target in [UInt8(0x22), 0x5C, 0x7B, 0x00] {
        let exact = ByteWords.exactMatches(word, target)
        #expect(exact == reference(word) { $0 == target })
        let fast = ByteWords.matches(word, target)
        #expect((fast == 0) == (exact == 0))
        if exact != 0 { #expect(ByteWords.firstIndex(fast) == ByteWords.firstIndex(exact)) }
      }
      #expect(ByteWords.continuationBytes(word) == reference(word) { $0 & 0xC0 == 0x80 })
    }
  }
}
