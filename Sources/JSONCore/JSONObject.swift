/// A JSON object: members in document order, looked up by code-point equality of their names.
///
/// Names are unique: setting a name that exists replaces its value in place. Small objects are
/// searched linearly, which beats hashing for the dozen members typical of API items; objects
/// with more than ``indexThreshold`` members keep a hash index.
public struct JSONObject: Sendable {
  /// One name-value pair.
  public struct Member: Sendable, Equatable {
    /// The member name.
    public private(set) var key: String
    /// The member value.
    public var value: JSONValue
    /// ``JSONObject/keyHash(_:)`` of the name, computed once (by the parser, while it scans
    /// the name) so that look-ups by schema validators never rehash it.
    @usableFromInline package let keyHash: UInt32

    /// Creates a member.
    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
      self.keyHash = JSONObject.keyHash(key)
    }

    /// Creates a member from the 64-bit name fingerprint the parser computed while scanning.
    init(key: String, value: JSONValue, fingerprint: UInt64) {
      self.key = key
      self.value = value
      self.keyHash = JSONObject.fold(fingerprint)
    }

    public static func == (lhs: Member, rhs: Member) -> Bool {
      lhs.keyHash == rhs.keyHash && lhs.key.codePointsEqual(rhs.key) && lhs.value == rhs.value
    }
  }

  /// Where the value of `members[position]` lies, to read it in place (reading a member's value
  /// out of a buffer copies it, which updates its reference count).
  @inlinable
  public static func valuePointer(
    in members: UnsafeBufferPointer<Member>, at position: Int
  ) -> UnsafePointer<JSONValue> {
    UnsafeRawPointer(members.baseAddress.unsafelyUnwrapped + position)
      .advanced(by: MemoryLayout<Member>.offset(of: \Member.value).unsafelyUnwrapped)
      .assumingMemoryBound(to: JSONValue.self)
  }

  /// A 32-bit hash of a name's UTF-8 bytes; equal names have equal hashes. It is the hash the
  /// parser computes while scanning names, so members built by the parser carry it for free,
  /// and 32 bits fit in the padding after a member's value, so members stay 40 bytes.
  package static func keyHash(_ key: String) -> UInt32 {
    var copy = key
    return copy.withUTF8 { bytes in
      var byte: UInt8 = 0
      return withUnsafePointer(to: &byte) { empty in
        fold(ByteSummary(bytes.baseAddress ?? empty, count: bytes.count).hash)
      }
    }
  }

  @inline(__always)
  static func fold(_ fingerprint: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: fingerprint ^ (fingerprint >> 32))
  }

  /// Objects with more members than this keep a hash index for look-ups.
  public static let indexThreshold = 16

  /// The members in document order.
  public private(set) var members: [Member]
  private var index: [CodePointKey: Int]?

  /// An empty object.
  public init() {
    members = []
    index = nil
  }

  /// An object of `members`; when a name repeats, the last value wins at the first position.
  public init(_ members: some Sequence<Member>) {
    self.init()
    for member in members { self[member.key] = member.value }
  }

  /// Takes `members` as they are; the caller guarantees the names are unique.
  public init(uniqueMembers members: [Member]) {
    self.members = members
    self.index = nil
    if members.count > Self.indexThreshold { rebuildIndex() }
  }

  /// The number of members.
  public var count: Int { members.count }

  /// Whether the object has no members.
  public var isEmpty: Bool { members.isEmpty }

  /// The member names in document order.
  public var keys: [String] { members.map(\.key) }

  /// The position of the member named `key`, if any.
  public func position(of key: String) -> Int? {
    if let index { return index[CodePointKey(key)] }
    return position(of: MemberName(key))
  }

  /// The value of the member named `key`; setting `nil` removes the member.
  public subscript(key: String) -> JSONValue? {
    get {
      guard let position = position(of: key) else { return nil }
      return members[position].value
    }
    set {
      if let position = position(of: key) {
        if let newValue {
          members[position].value = newValue
        } else {
          members.remove(at: position)
          if members.count > Self.indexThreshold { rebuildIndex() } else { index = nil }
        }
      } else if let newValue {
        members.append(Member(key: key, value: newValue))
        if index != nil {
          index![CodePointKey(key)] = members.count - 1
        } else if members.count > Self.indexThreshold {
          rebuildIndex()
        }
      }
    }
  }

  /// The members sorted by name in code-point order, as the canonical writer emits them.
  public var membersSortedByKey: [Member] {
    members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
  }

  private mutating func rebuildIndex() {
    var table = [CodePointKey: Int](minimumCapacity: members.count)
    for (position, member) in members.enumerated() { table[CodePointKey(member.key)] = position }
    index = table
  }
}

extension JSONObject.Member {
  /// Compares members where they lie, by representation: two names (or values) with the
  /// same bits are the same string buffer, the same small string's inline bytes, or the same
  /// scalar, and so are equal; different bits say nothing.
  ///
  /// Reading in place spares copying (and so retaining) members, which loops that compare two
  /// documents member by member cannot afford per member. Make one before such a loop: it
  /// holds the member layout in plain fields.
  package struct IdentityProbe: Sendable {
    @usableFromInline let nameOffset: Int
    @usableFromInline let valueOffset: Int
    @usableFromInline let valueSize: Int

    /// A probe for the members of this build.
    package init() {
      nameOffset = MemoryLayout<JSONObject.Member>.offset(of: \JSONObject.Member.key)!
      valueOffset = MemoryLayout<JSONObject.Member>.offset(of: \JSONObject.Member.value)!
      valueSize = MemoryLayout<JSONValue>.size
    }

    /// Whether the members at `lhs` and `rhs` have names of one representation.
    @inlinable @inline(__always)
    package func identicalNames(
      _ lhs: UnsafePointer<JSONObject.Member>, _ rhs: UnsafePointer<JSONObject.Member>
    ) -> Bool {
      identicalBytes(
        UnsafeRawPointer(lhs) + nameOffset, UnsafeRawPointer(rhs) + nameOffset,
        MemoryLayout<String>.size)
    }

    /// Whether the members at `lhs` and `rhs` have values of one representation.
    @inlinable @inline(__always)
    package func identicalValues(
      _ lhs: UnsafePointer<JSONObject.Member>, _ rhs: UnsafePointer<JSONObject.Member>
    ) -> Bool {
      identicalBytes(
        UnsafeRawPointer(lhs) + valueOffset, UnsafeRawPointer(rhs) + valueOffset, valueSize)
    }

    @inlinable @inline(__always)
    func identicalBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ count: Int) -> Bool {
      var offset = 0
      while offset &+ 8 <= count {
        if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
          != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        {
          return false
        }
        offset &+= 8
      }
      while offset < count {
        if a.load(fromByteOffset: offset, as: UInt8.self)
          != b.load(fromByteOffset: offset, as: UInt8.self)
        {
          return false
        }
        offset &+= 1
      }
      return true
    }
  }
}

extension JSONObject: Equatable {
  /// Objects are equal when they have the same names with equal values, in any order.
  public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
    guard lhs.count == rhs.count else { return false }
    for member in lhs.members {
      guard let other = rhs[member.key], other == member.value else { return false }
    }
    return true
  }
}

extension JSONObject: Hashable {
  public func hash(into hasher: inout Hasher) {
    // Order-independent: combine the members' own hashes commutatively.
    var sum = 0
    for member in members {
      var memberHasher = Hasher()
      member.key.hashCodePoints(into: &memberHasher)
      memberHasher.combine(member.value)
      sum = sum &+ memberHasher.finalize()
    }
    hasher.combine(count)
    hasher.combine(sum)
  }
}

/// A string key compared and hashed by code points, for sets and dictionaries that must not
/// merge canonically equivalent strings.
public struct CodePointKey: Hashable, Sendable {
  /// The string.
  public let string: String
  /// Wraps `string`.
  public init(_ string: String) { self.string = string }
  public static func == (lhs: CodePointKey, rhs: CodePointKey) -> Bool {
    lhs.string.codePointsEqual(rhs.string)
  }
  public func hash(into hasher: inout Hasher) { string.hashCodePoints(into: &hasher) }
}
