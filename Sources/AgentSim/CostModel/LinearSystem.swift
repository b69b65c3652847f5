/// Dense linear algebra for the calibrator's small normal equations (tens of unknowns).
enum LinearSystem {
  /// Solves `matrix · x = vector` by Gaussian elimination with partial pivoting.
  ///
  /// - Returns: `x`, or `nil` when the matrix is singular.
  /// - Complexity: O(n³).
  static func solve(_ matrix: [[Double]], _ vector: [Double]) -> [Double]? {
    let n = vector.count
    var a = matrix
    var b = vector
    for column in 0..<n {
      var pivot = column
      for row in column..<n where abs(a[row][column]) > abs(a[pivot][column]) { pivot = row }
      guard abs(a[pivot][column]) > 1e-300 else { return nil }
      a.swapAt(column, pivot)
      b.swapAt(column, pivot)
      for row in (column + 1)..<max(column + 1, n) {
        let factor = a[row][column] / a[column][column]
        guard factor != 0 else { continue }
        for k in column..<n { a[row][k] -= factor * a[column][k] }
        b[row] -= factor * b[column]
      }
    }
    var x = [Double](repeating: 0, count: n)
    for row in stride(from: n - 1, through: 0, by: -1) {
      var sum = b[row]
      for k in (row + 1)..<max(row + 1, n) { sum -= a[row][k] * x[k] }
      x[row] = sum / a[row][row]
    }
    return x
  }

  /// The inverse of `matrix`, column by column; `nil` when singular.
  ///
  /// - Complexity: O(n⁴) as written (n solves); n is tens.
  static func inverse(_ matrix: [[Double]]) -> [[Double]]? {
    let n = matrix.count
    var columns: [[Double]] = []
    for index in 0..<n {
      var unit = [Double](repeating: 0, count: n)
      unit[index] = 1
      guard let column = solve(matrix, unit) else { return nil }
      columns.append(column)
    }
    return (0..<n).map { row in (0..<n).map { columns[$0][row] } }
  }
}
