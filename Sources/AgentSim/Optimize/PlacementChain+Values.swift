extension PlacementChain {
  /// The summed figures of a whole placement, block by block from the initial state: what the
  /// dynamic programming would give its label (the same code, so a placement found off the front
  /// carries figures comparable with the front's).
  ///
  /// - Parameter digits: A candidate index per step of the space.
  /// - Returns: The figures, or nil when some block's option for `digits` does not build.
  /// - Complexity: One evaluation per block, plus a scan of each block's options.
  func values(digits: [Int]) -> SIMD8<Double>? {
    var state = initial
    var total = SIMD8<Double>.zero
    for block in blocks.indices {
      let wanted = blocks[block].steps.map { digits[$0] }
      guard let option = blocks[block].options.firstIndex(of: wanted) else { return nil }
      let (figures, next) = evaluate(block: block, option: option, from: state)
      total = Self.combine(total, figures.values)
      state = next
    }
    return total
  }
}
