import JSONCore

extension DecodedInput {
  /// `findings[i]` are about ``entries``[i]; returns them all with their ``Finding/source``
  /// set to the line and column in this input of what they point at (the file alone when
  /// that cannot be found), the input's own findings included.
  ///
  /// Every pointer into the input's JSON is located in one pass over the bytes, and every
  /// pointer into a body in one pass over that body, however many findings there are.
  public func locate(_ findings: [[Finding]]) -> [Finding] {
    var requests: [Request] = []
    var containerPointers: [JSONPointer] = []
    var bodyPointers: [[JSONPointer]] = Array(repeating: [], count: entries.count)
    let all =
      self.findings.map { (entry: -1, finding: $0) }
      + findings.enumerated().flatMap { entry, list in list.map { (entry: entry, finding: $0) } }
    for (entryIndex, finding) in all {
      let target = self.target(of: finding, entry: entryIndex)
      switch target {
      case .container(let pointer): containerPointers.append(pointer)
      case .body(let pointer): bodyPointers[entryIndex].append(pointer)
      case .fixed, .nowhere: break
      }
      requests.append(Request(entry: entryIndex, finding: finding, target: target))
    }
    let containerMatches = locateWithAncestors(
      containerPointers, in: bytes, range: bytes.indices, arrayIndex: arrayIndex)
    var bodyMatches: [[JSONPointer: JSONSourceLocation]] = []
    var lineIndex: LineIndex?
    for (index, pointers) in bodyPointers.enumerated() {
      switch (pointers.isEmpty, entries[index].sourceMap.body) {
      case (false, .text(let range, _)):
        bodyMatches.append(
          locateWithAncestors(pointers, in: bytes, range: range, arrayIndex: arrayIndex))
      case (false, .decoded(let body, _)):
        if lineIndex == nil { lineIndex = LineIndex(bytes) }
        bodyMatches.append(locateWithAncestors(pointers, in: body.bytes, range: body.bytes.indices))
      default: bodyMatches.append([:])
      }
    }
    return requests.map { request in
      var finding = request.finding
      var location: (line: Int, column: Int)?
      var decodedNote: String?
      switch request.target {
      case .fixed(let line, let column): location = (line, column)
      case .container(let pointer):
        location = containerMatches[pointer].map { ($0.line, $0.column) }
      case .body(let pointer):
        guard let match = bodyMatches[request.entry][pointer] else { break }
        switch entries[request.entry].sourceMap.body {
        case .text(_, let origin):
          location = (
            origin.line + match.line - 1,
            match.line == 1 ? origin.column + match.column - 1 : match.column
          )
        case .decoded(let body, let origin):
          if let offset = body.inputOffset(of: match.offset), let lineIndex {
            let traced = lineIndex.location(of: offset)
            location = (traced.line, traced.column)
          } else {
            location = (origin.line, origin.column)
            decodedNote =
              "at line \(match.line), column \(match.column) of the \(body.contentCoding ?? "decoded")-decoded body"
          }
        default: break
        }
      case .nowhere: break
      }
      if let known = finding.source, known.line != nil {
        finding.source = SourceReference(file: name, line: known.line, column: known.column)
      } else {
        finding.source = SourceReference(file: name, line: location?.line, column: location?.column)
        if request.entry >= 0, finding.part == .responseBody || finding.part == .input,
          case .string = entries[request.entry].sourceMap.body,
          let note = entries[request.entry].locationNote
        {
          finding.message += " (\(note))"
        }
        if let decodedNote { finding.message += " (\(decodedNote))" }
      }
      return finding
    }
  }

  private struct Request {
    var entry: Int
    var finding: Finding
    var target: Target
  }

  /// Where a finding's value is to be looked for.
  private enum Target {
    /// Already known.
    case fixed(line: Int, column: Int)
    /// A pointer into the input's own JSON.
    case container(JSONPointer)
    /// A pointer into the entry's body text.
    case body(JSONPointer)
    /// Nowhere in particular: the file as a whole.
    case nowhere
  }

  private func target(of finding: Finding, entry: Int) -> Target {
    if let source = finding.source, let line = source.line {
      return .fixed(line: line, column: source.column ?? 1)
    }
    let pointer = finding.pointer
    guard entry >= 0 else {
      return kind == .recording || kind == .har ? .container(pointer) : .nowhere
    }
    let map = entries[entry].sourceMap
    switch finding.part {
    case .responseBody:
      switch map.body {
      case .none: return .nowhere
      case .text, .decoded: return .body(pointer)
      case .embedded(let prefix): return .container(prefix.appending(pointer))
      case .string(let at): return .container(at)
      }
    case .responseHeaders, .requestHeaders:
      guard let name = pointer.tokens.first?.lowercased(),
        let spot = map.headers(of: finding.part)[name]
      else { return .nowhere }
      return target(of: spot)
    case .responseStatus: return map.status.map(target(of:)) ?? .nowhere
    case .request: return map.request.map(target(of:)) ?? .nowhere
    case .input:
      if case .string(let at) = map.body, finding.pointer.isRoot { return .container(at) }
      return kind == .recording || kind == .har ? .container(pointer) : .nowhere
    }
  }

  private func target(of spot: SourceMap.Spot) -> Target {
    switch spot {
    case .location(let line, let column): .fixed(line: line, column: column)
    case .pointer(let pointer): .container(pointer)
    }
  }

  /// Locates `pointers` in the JSON text `text`; a pointer to something absent (a missing
  /// member) is located at its nearest ancestor that exists.
  /// `arrayIndex` is that of the whole of `source`, used only when `range` is all of it.
  private func locateWithAncestors(
    _ pointers: [JSONPointer], in source: [UInt8], range: Range<Int>,
    arrayIndex: JSONArrayIndex = .empty
  ) -> [JSONPointer: JSONSourceLocation] {
    guard !pointers.isEmpty else { return [:] }
    var wanted = Set<JSONPointer>()
    for pointer in pointers {
      var current: JSONPointer? = pointer
      while let next = current {
        wanted.insert(next)
        current = next.parent
      }
    }
    // Copies only when the text is part of the input (a raw HTTP body), and only when some
    // finding points into it.
    let whole = range == source.indices
    let locator = JSONSourceLocator(
      whole ? source : Array(source[range]), arrayIndex: whole ? arrayIndex : .empty)
    let matches = locator.locate(Array(wanted))
    var result: [JSONPointer: JSONSourceLocation] = [:]
    for pointer in pointers {
      var current: JSONPointer? = pointer
      while let next = current {
        if let match = matches[next] {
          result[pointer] = match.value
          break
        }
        current = next.parent
      }
    }
    return result
  }
}
