/// Plain pixel rectangles for layout. Kept separate from CoreGraphics so the
/// target needs no platform framework.
public struct Rect: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    public var minX: Double { x }
    public var maxX: Double { x + width }
    public var minY: Double { y }
    public var maxY: Double { y + height }
    public var midX: Double { x + width / 2 }
    public var midY: Double { y + height / 2 }

    /// `<rect>` attributes for this rectangle.
    var attributes: [(String, String)] {
        [("x", num(x)), ("y", num(y)), ("width", num(width)), ("height", num(height))]
    }
}
