/// Where the elements of a text's long arrays start, recorded by the parser as it reads them,
/// so that finding `/items/199000` in a 200,000-item collection jumps to the element instead
/// of scanning the 199,000 before it (``JSONSourceLocator``).
///
/// Only arrays of at least ``minimumCount`` elements are kept: a shorter one is quick to scan,
/// and a document of small arrays then costs no memory. Offsets are byte offsets into the
/// text parsed, as ``JSONSourceLocation/offset`` counts them.
public struct JSONArrayIndex: Sendable {
  /// The fewest elements an array needs to be indexed.
  public static let minimumCount = 1024

  /// An index that holds no array: the locator then scans, as it does for any short array.
  public static let empty = JSONArrayIndex()

  /// The elements of one array.
  struct Elements: Sendable {
    /// The offset of each element's first byte, in order.
    var starts: [Int]
    /// The offset of the closing `]`.
    var end: Int
  }

  private var arrays: [Int: Elements] = [:]

  init() {}

  /// The number of arrays indexed.
  public var count: Int { arrays.count }

  /// The elements of the array whose `[` is at `offset`, when it is indexed.
  func elements(ofArrayAt offset: Int) -> Elements? { arrays[offset] }

  /// Keeps the array whose `[` is at `offset`, elements starting at `starts` and `]` at `end`.
  mutating func add(arrayAt offset: Int, starts: ArraySlice<Int>, end: Int) {
    arrays[offset] = Elements(starts: Array(starts), end: end)
  }
}
