/// A minimal SVG canvas for self-contained charts: rectangles, lines, polylines and text, each
/// escaped for XML, rendered as one `<svg>` element that can be inlined in HTML.
///
/// Coordinates are in SVG user units (the `viewBox`), printed with one decimal, so equal charts
/// give equal bytes. Text and axes may use `currentColor` and follow the page's colour scheme.
public struct SVGChart: Hashable, Sendable {
  /// How text lines up with its anchor point.
  public enum TextAnchor: String, Sendable {
    /// The text starts at the point.
    case start
    /// The text is centred on the point.
    case middle
    /// The text ends at the point.
    case end
  }

  /// The width of the view box.
  public var width: Double
  /// The height of the view box.
  public var height: Double
  /// What the chart shows, for screen readers (`<title>` and `aria-label`).
  public var title: String
  private var elements: [String] = []

  /// Creates an empty chart.
  ///
  /// - Parameters:
  ///   - width: The view box's width (the chart scales to its container).
  ///   - height: The view box's height.
  ///   - title: What the chart shows, in words.
  public init(width: Double, height: Double, title: String) {
    self.width = width
    self.height = height
    self.title = title
  }

  /// `text` safe to place in XML text or a quoted attribute: `&`, `<`, `>`, `"` and `'` become
  /// entities, and characters XML 1.0 forbids (controls other than tab, LF and CR) become U+FFFD.
  ///
  /// - Parameter text: Any text, such as a user-supplied step name.
  /// - Returns: The escaped text.
  /// - Complexity: O(n) in the length of `text`.
  public static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&apos;"
      case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
      default:
        let isForbidden = scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value)
        result.unicodeScalars.append(isForbidden ? "\u{FFFD}" : scalar)
      }
    }
    return result
  }

  /// Adds a filled rectangle.
  ///
  /// - Parameters:
  ///   - x: Left edge.
  ///   - y: Top edge.
  ///   - width: Width (negative values draw nothing).
  ///   - height: Height (negative values draw nothing).
  ///   - fill: A CSS colour.
  ///   - tooltip: Text shown on hover, if any.
  public mutating func addRect(
    x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil
  ) {
    guard width > 0, height > 0 else { return }
    let attributes =
      "x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" width=\"\(Self.number(width))\" "
      + "height=\"\(Self.number(height))\" fill=\"\(Self.escape(fill))\""
    if let tooltip {
      elements.append("<rect \(attributes)><title>\(Self.escape(tooltip))</title></rect>")
    } else {
      elements.append("<rect \(attributes)/>")
    }
  }

  /// Adds a straight line.
  ///
  /// - Parameters:
  ///   - x1: Start x.
  ///   - y1: Start y.
  ///   - x2: End x.
  ///   - y2: End y.
  ///   - stroke: A CSS colour.
  ///   - strokeWidth: Line width.
  ///   - isDashed: Whether to dash the line (markers, as opposed to axes).
  public mutating func addLine(
    x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, strokeWidth: Double = 1,
    isDashed: Bool = false
  ) {
    elements.append(
      "<line x1=\"\(Self.number(x1))\" y1=\"\(Self.number(y1))\" x2=\"\(Self.number(x2))\" "
        + "y2=\"\(Self.number(y2))\" stroke=\"\(Self.escape(stroke))\" "
        + "stroke-width=\"\(Self.number(strokeWidth))\""
        + (isDashed ? " stroke-dasharray=\"4 3\"" : "") + "/>")
  }

  /// Adds an open polyline through `points`.
  ///
  /// - Parameters:
  ///   - points: The vertices, in order.
  ///   - stroke: A CSS colour.
  ///   - strokeWidth: Line width.
  /// - Complexity: O(points).
  public mutating func addPolyline(
    points: [(x: Double, y: Double)], stroke: String, strokeWidth: Double = 2
  ) {
    guard !points.isEmpty else { return }
    let list = points.map { "\(Self.number($0.x)),\(Self.number($0.y))" }.joined(separator: " ")
    elements.append(
      "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(Self.escape(stroke))\" "
        + "stroke-width=\"\(Self.number(strokeWidth))\" stroke-linejoin=\"round\"/>")
  }

  /// Adds a filled circle.
  ///
  /// - Parameters:
  ///   - x: Centre x.
  ///   - y: Centre y.
  ///   - radius: Radius (non-positive values draw nothing).
  ///   - fill: A CSS colour.
  ///   - tooltip: Text shown on hover, if any.
  public mutating func addCircle(
    x: Double, y: Double, radius: Double, fill: String, tooltip: String? = nil
  ) {
    guard radius > 0 else { return }
    let attributes =
      "cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" "
      + "fill=\"\(Self.escape(fill))\""
    if let tooltip {
      elements.append("<circle \(attributes)><title>\(Self.escape(tooltip))</title></circle>")
    } else {
      elements.append("<circle \(attributes)/>")
    }
  }

  /// Adds an unfilled circle (a ring that marks a point without hiding it).
  ///
  /// - Parameters:
  ///   - x: The centre's x.
  ///   - y: The centre's y.
  ///   - radius: The radius; nothing is drawn unless positive.
  ///   - stroke: The ring's colour.
  ///   - strokeWidth: The ring's width.
  public mutating func addRing(
    x: Double, y: Double, radius: Double, stroke: String, strokeWidth: Double = 2
  ) {
    guard radius > 0 else { return }
    elements.append(
      "<circle cx=\"\(Self.number(x))\" cy=\"\(Self.number(y))\" r=\"\(Self.number(radius))\" "
        + "fill=\"none\" stroke=\"\(Self.escape(stroke))\" "
        + "stroke-width=\"\(Self.number(strokeWidth))\"/>")
  }

  /// Adds a line of text.
  ///
  /// - Parameters:
  ///   - text: The text (escaped here).
  ///   - x: Anchor x.
  ///   - y: Baseline y.
  ///   - anchor: How the text lines up with `x`.
  ///   - size: Font size.
  ///   - fill: A CSS colour.
  ///   - hasHalo: Whether to outline the glyphs in the background colour, for a label drawn
  ///     over points or lines.
  public mutating func addText(
    _ text: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double = 11,
    fill: String = "currentColor", hasHalo: Bool = false
  ) {
    // A halo: a stroke in the page's background colour (the CSS system colour Canvas, so dark
    // mode gets a dark one) painted under the glyphs.
    let halo = hasHalo ? " stroke=\"Canvas\" stroke-width=\"3\" paint-order=\"stroke\"" : ""
    elements.append(
      "<text x=\"\(Self.number(x))\" y=\"\(Self.number(y))\" text-anchor=\"\(anchor.rawValue)\" "
        + "font-size=\"\(Self.number(size))\" fill=\"\(Self.escape(fill))\"\(halo)>"
        + Self.escape(text) + "</text>")
  }

  /// The chart as one `<svg>` element, ready to inline in HTML or save as a `.svg` file.
  ///
  /// - Returns: The SVG markup, one element per line.
  /// - Complexity: O(elements).
  public func render() -> String {
    let title = Self.escape(title)
    var lines = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.number(width)) "
        + "\(Self.number(height))\" role=\"img\" aria-label=\"\(title)\" "
        + "font-family=\"system-ui, sans-serif\">",
      "<title>\(title)</title>",
    ]
    lines += elements
    lines.append("</svg>")
    return lines.joined(separator: "\n")
  }

  /// A coordinate with one decimal, locale-independent.
  static func number(_ value: Double) -> String {
    DisplayFormat.fixed(value.isFinite ? value : 0, fractionDigits: 1)
  }
}
