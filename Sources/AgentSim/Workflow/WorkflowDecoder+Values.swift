import SimulationKernel

/// Names, references, counts and distributions.
extension WorkflowDecoder {
  /// The character sets names may use.
  enum NamePattern {
    /// `[a-z0-9-]+` (workflow names, used in folder names).
    case workflow
    /// `[a-z0-9_-]+` (steps, sites, model aliases).
    case identifier

    func accepts(_ name: String) -> Bool {
      guard !name.isEmpty, name.utf8.count <= 64 else { return false }
      return name.unicodeScalars.allSatisfy { scalar in
        switch scalar {
        case "a"..."z", "0"..."9", "-": return true
        case "_": return self == .identifier
        default: return false
        }
      }
    }

    var phrase: String {
      switch self {
      case .workflow: return "a name of 1 to 64 lower-case letters, digits and '-'"
      case .identifier: return "a name of 1 to 64 lower-case letters, digits, '-' and '_'"
      }
    }
  }

  /// A string value that is a valid name.
  func decodeName(_ reader: JSONReader, pattern: NamePattern) -> String? {
    guard case .string(let name) = reader.value.kind, pattern.accepts(name) else {
      reader.expected(pattern.phrase)
      return nil
    }
    return name
  }

  /// A name used as an object key (a site or model alias), checked at the key's location.
  func checkKeyName(_ member: JSONMember, in object: JSONObjectReader) -> Bool {
    guard NamePattern.identifier.accepts(member.key) else {
      object.error(
        atKey: member.key,
        "expected \(NamePattern.identifier.phrase), found \"\(JSONText.escaped(member.key))\"")
      return false
    }
    return true
  }

  /// "did you mean" for a misspelled reference, or the list of what is defined.
  func referenceSuggestion(_ name: String, among known: [String], noun: String) -> String {
    if let nearest = NearestName.suggestion(for: name, among: known) {
      return JSONReader.didYouMean(nearest)
    }
    // "alias" takes "-es"; the other nouns ("site", "step") take "-s".
    let plural = noun.hasSuffix("s") ? noun + "es" : noun + "s"
    if known.isEmpty { return "no \(plural) are defined" }
    return "defined \(plural): " + known.joined(separator: ", ")
  }

  /// A reference to a defined site; `nil` (recorded) if it is not one.
  func decodeSiteReference(_ reader: JSONReader) -> String? {
    guard let name = reader.string() else { return nil }
    guard siteNames.contains(name) else {
      reader.error(
        "unknown site '\(JSONText.escaped(name))'",
        suggestion: referenceSuggestion(name, among: siteNames, noun: "site"))
      return nil
    }
    return name
  }

  /// A reference to a defined model alias; `nil` (recorded) if it is not one.
  func decodeModelReference(_ reader: JSONReader) -> String? {
    guard let name = reader.string() else { return nil }
    guard modelAliases.contains(name) else {
      reader.error(
        "unknown model alias '\(JSONText.escaped(name))'",
        suggestion: referenceSuggestion(name, among: modelAliases, noun: "model alias"))
      return nil
    }
    return name
  }

  /// Records a catalog name for ``validate(names:)``.
  func noteCatalogName(_ kind: CatalogReference.Kind, _ name: String, _ reader: JSONReader) {
    catalogReferences.append(CatalogReference(kind: kind, name: name, reader: reader))
  }

  /// A count of `quantity` (tokens or bytes): a non-negative integer (at least `minimum`) or a
  /// distribution, within the quantity's maximum.
  func decodeCount(_ reader: JSONReader, minimum: Int = 0, quantity: DistributionQuantity)
    -> CountSpec?
  {
    let largest = Int(quantity.maximum)
    let constraint: IntegerConstraint = .range((minimum > 0 ? 1 : 0)...largest)
    switch reader.value.kind {
    case .number:
      return reader.integer(constraint).map(CountSpec.constant)
    case .object:
      guard let distribution = decodeDistribution(reader, quantity: quantity) else { return nil }
      if case .constant(let value) = distribution {
        guard let count = JSONReader.exactInteger(value), constraint.accepts(count) else {
          reader.error(
            "expected \(constraint.phrase) constant, found \(JSONText.format(value))")
          return nil
        }
        return .constant(count)
      }
      return .distribution(distribution)
    default:
      reader.expected("\(constraint.phrase) or a distribution")
      return nil
    }
  }

  /// A distribution of a non-negative `quantity`: a number, or an object with one kind key;
  /// also checked by converting it to the kernel's `Distribution`, so that every specification
  /// decoded can be sampled, and so that its largest possible draw, its mean and its variance are
  /// finite and the draw within the quantity's maximum (no sample can overflow the clock or a
  /// counter).
  func decodeDistribution(_ reader: JSONReader, quantity: DistributionQuantity)
    -> DistributionSpec?
  {
    guard let specification = decodeDistributionSpec(reader, quantity: quantity) else { return nil }
    var problems: [String]
    do {
      let distribution = try specification.makeDistribution()
      problems = distribution.validationProblems()
      if problems.isEmpty {
        problems = Self.rangeProblems(of: distribution, quantity: quantity)
      }
    } catch {
      problems = error.problems
    }
    guard problems.isEmpty else {
      reader.error(
        "invalid distribution: " + problems.joined(separator: "; "),
        suggestion: problems.contains { $0.hasPrefix("its largest") }
          ? "lower its mean, median or spread" : nil)
      return nil
    }
    return specification
  }

  /// Why a valid kernel distribution's draws could leave `quantity`'s range, if they could.
  static func rangeProblems(of distribution: Distribution, quantity: DistributionQuantity)
    -> [String]
  {
    let largest = distribution.largestDraw
    guard largest.isFinite, largest <= quantity.maximum else {
      return [
        "its largest possible draw, \(JSONText.format(largest)), exceeds the maximum of "
          + quantity.maximumPhrase
      ]
    }
    guard distribution.mean.isFinite, distribution.variance.isFinite else {
      return ["its mean or variance is not a finite number"]
    }
    return []
  }

  private func decodeDistributionSpec(_ reader: JSONReader, quantity: DistributionQuantity)
    -> DistributionSpec?
  {
    switch reader.value.kind {
    case .number:
      return reader.number(.nonNegative).map(DistributionSpec.constant)
    case .object:
      break
    default:
      reader.expected("a non-negative number or a distribution object")
      return nil
    }
    guard let object = reader.object() else { return nil }
    object.rejectUnknownKeys(Workflow.keys("distribution"))
    let kinds = object.members.compactMap { DistributionKindName(rawValue: $0.key) }
    guard let kind = kinds.first else {
      if object.members.isEmpty {
        reader.error(
          "expected a distribution: an object with one of the keys "
            + DistributionKindName.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))
      }
      return nil
    }
    if kinds.count > 1 {
      object.error(
        atKey: kinds[1].rawValue,
        "a distribution has exactly one kind, found both '\(kind.rawValue)' and "
          + "'\(kinds[1].rawValue)'")
      return nil
    }
    guard let body = object.optional(kind.rawValue) else { return nil }
    switch kind {
    case .constant:
      return body.number(.nonNegative).map(DistributionSpec.constant)
    case .uniform:
      guard let fields = body.object() else { return nil }
      fields.rejectUnknownKeys(Workflow.keys("uniform"))
      let low = fields.required("min")?.number(.nonNegative)
      let highReader = fields.required("max")
      let high = highReader?.number(.nonNegative)
      guard let low, let high, let highReader else { return nil }
      guard low <= high else {
        highReader.error(
          "expected 'max' at least 'min' (\(JSONText.format(low))), found \(JSONText.format(high))")
        return nil
      }
      return .uniform(min: low, max: high)
    case .exponential:
      guard let fields = body.object() else { return nil }
      fields.rejectUnknownKeys(Workflow.keys("exponential"))
      return fields.required("mean")?.number(.positive).map { .exponential(mean: $0) }
    case .normal:
      guard let fields = body.object() else { return nil }
      fields.rejectUnknownKeys(Workflow.keys("normal"))
      let mean = fields.required("mean")?.number(.nonNegative)
      let deviation = fields.required("sd")?.number(.positive)
      guard let mean, let deviation else { return nil }
      return .normal(mean: mean, standardDeviation: deviation)
    case .lognormal:
      return decodeLognormal(body)
    case .gamma:
      guard let fields = body.object() else { return nil }
      fields.rejectUnknownKeys(Workflow.keys("gamma"))
      let shape = fields.required("shape")?.number(.range(1e-3...1e6))
      let scale = fields.required("scale")?.number(.positive)
      guard let shape, let scale else { return nil }
      return .gamma(shape: shape, scale: scale)
    case .erlang:
      guard let fields = body.object() else { return nil }
      fields.rejectUnknownKeys(Workflow.keys("erlang"))
      let stages = fields.required("k")?.integer(.range(1...1000))
      let mean = fields.required("mean")?.number(.positive)
      guard let stages, let mean else { return nil }
      return .erlang(stages: stages, mean: mean)
    case .empirical:
      return decodeEmpirical(body)
    case .mixture:
      return decodeMixture(body, quantity: quantity)
    }
  }

  private func decodeLognormal(_ body: JSONReader) -> DistributionSpec? {
    guard let fields = body.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("lognormal"))
    let byQuantiles = fields.contains("median") || fields.contains("p99")
    let byParameters = fields.contains("mu") || fields.contains("sigma")
    if byQuantiles && byParameters {
      body.error("expected either 'median' and 'p99', or 'mu' and 'sigma', not both")
      return nil
    }
    if byParameters {
      let mu = fields.required("mu")?.number(.range(-1000...1000))
      let sigma = fields.required("sigma")?.number(.range(1e-9...10))
      guard let mu, let sigma else { return nil }
      return .lognormal(mu: mu, sigma: sigma)
    }
    let median = fields.required("median", what: "or 'mu' and 'sigma'")?.number(.positive)
    let p99Reader = fields.required("p99")
    let p99 = p99Reader?.number(.positive)
    guard let median, let p99, let p99Reader else { return nil }
    guard p99 > median else {
      p99Reader.error(
        "expected 'p99' greater than the median (\(JSONText.format(median))), "
          + "found \(JSONText.format(p99))")
      return nil
    }
    return .lognormalQuantiles(median: median, p99: p99)
  }

  private func decodeEmpirical(_ body: JSONReader) -> DistributionSpec? {
    guard let fields = body.object() else { return nil }
    fields.rejectUnknownKeys(Workflow.keys("empirical"))
    if fields.contains("samples") && fields.contains("percentiles") {
      body.error("expected either 'samples' or 'percentiles', not both")
      return nil
    }
    if let samplesReader = fields.optional("samples") {
      guard let elements = samplesReader.array() else { return nil }
      guard !elements.isEmpty, elements.count <= 1_000_000 else {
        samplesReader.error("expected 1 to 1000000 samples, found \(elements.count)")
        return nil
      }
      let samples = elements.map { $0.number(.nonNegative) }
      guard samples.allSatisfy({ $0 != nil }) else { return nil }
      return .empiricalSamples(samples.compactMap { $0 })
    }
    guard let percentilesReader = fields.required("percentiles", what: "or 'samples'"),
      let table = percentilesReader.object()
    else { return nil }
    var points: [PercentilePoint] = []
    var isValid = true
    for member in table.members {
      guard let reader = table.optional(member.key) else { continue }
      guard let percentile = Self.percentile(member.key) else {
        table.error(
          atKey: member.key,
          "expected a percentile key such as 'p50' or 'p99.9', found '\(member.key)'")
        isValid = false
        continue
      }
      guard let value = reader.number(.nonNegative) else {
        isValid = false
        continue
      }
      points.append(PercentilePoint(percentile: percentile, value: value))
    }
    guard isValid else { return nil }
    points.sort { $0.percentile < $1.percentile }
    guard points.first?.percentile == 0, points.last?.percentile == 100 else {
      percentilesReader.error(
        "expected percentiles from 'p0' to 'p100', found \(points.count) points without both ends")
      return nil
    }
    for (lower, upper) in zip(points, points.dropFirst()) where upper.value < lower.value {
      percentilesReader.error(
        "percentile values must not decrease: p\(JSONText.format(upper.percentile)) is "
          + "\(JSONText.format(upper.value)), below p\(JSONText.format(lower.percentile)) = "
          + "\(JSONText.format(lower.value))")
      return nil
    }
    return .empiricalPercentiles(points)
  }

  /// The percentile a key such as `p99.9` names, in [0, 100].
  static func percentile(_ key: String) -> Double? {
    guard key.hasPrefix("p"), let value = Double(key.dropFirst()), value.isFinite,
      (0...100).contains(value), key.dropFirst().allSatisfy({ $0.isNumber || $0 == "." })
    else { return nil }
    return value
  }

  private func decodeMixture(_ body: JSONReader, quantity: DistributionQuantity)
    -> DistributionSpec?
  {
    guard let elements = body.array() else { return nil }
    guard !elements.isEmpty else {
      body.error("expected at least one mixture component, found an empty array")
      return nil
    }
    var components: [MixtureComponentSpec] = []
    var isValid = true
    for element in elements {
      guard let fields = element.object() else {
        isValid = false
        continue
      }
      fields.rejectUnknownKeys(Workflow.keys("mixture_component"))
      let weight = fields.required("weight")?.number(.range(1e-9...1e9))
      let distribution = fields.required("distribution").flatMap {
        decodeDistribution($0, quantity: quantity)
      }
      guard let weight, let distribution else {
        isValid = false
        continue
      }
      components.append(MixtureComponentSpec(weight: weight, distribution: distribution))
    }
    return isValid ? .mixture(components) : nil
  }
}

extension WorkflowDecoder {
  /// The value of an optional field read as `T??`: `nil` when absent; when present but invalid
  /// (`.some(nil)`), also clears `isValid`.
  func present<T>(_ value: T??, _ isValid: inout Bool) -> T? {
    switch value {
    case .none: return nil
    case .some(.none):
      isValid = false
      return nil
    case .some(.some(let wrapped)): return wrapped
    }
  }
}
