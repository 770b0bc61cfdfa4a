import Testing

@testable import PartnerCenterContracts

@Suite struct HashIndexTests {
  @Test func storesReplacesAndMissesExactly() {
    var index = HashIndex(capacity: 1_000)
    // Hashes that agree in their low and high bits probe the same slots.
    let hashes = (0..<1_000).map { UInt64($0) << 20 | 0xF0F0_0000_0000_0007 }
    for (value, hash) in hashes.enumerated() { index.set(hash, value) }
    #expect(hashes.enumerated().allSatisfy { value, hash in index[hash] == value })
    index.set(hashes[3], 42)
    #expect(index[hashes[3]] == 42)
    #expect(index[0xF0F0_0000_0000_0008] == nil)
    #expect(HashIndex(capacity: 0)[0] == nil)
  }

  @Test func wordHasherTellsLengthsAndOrderApart() {
    func hash(_ bytes: [UInt8]) -> UInt64 {
      var hasher = WordHasher()
      bytes.withUnsafeBufferPointer { hasher.mix(bytes: $0) }
      return hasher.value
    }
    let samples: [[UInt8]] = [
      [], [0], [0, 0], Array("a".utf8), Array("a\0".utf8), Array("12345678".utf8),
      Array("123456789".utf8), Array("213456789".utf8), Array("2017-03-10T00:00:00+00:00".utf8),
    ]
    #expect(Set(samples.map(hash)).count == samples.count)
    #expect(hash(Array("reseller".utf8)) == hash(Array("reseller".utf8)))
  }
}
