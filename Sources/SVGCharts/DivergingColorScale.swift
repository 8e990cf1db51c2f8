/// A colour scale for signed values centred at 0: `neutral` at 0, blending
/// linearly (in sRGB) to `positive` at +extent and `negative` at −extent,
/// clamped beyond. Why symmetric: the eye reads the lightest colour as
/// "no difference", so 0 must sit at the centre whatever the data's range.
public struct DivergingColorScale: Sendable, Equatable {
    public var extent: Double
    public var negative: HexColor
    public var neutral: HexColor
    public var positive: HexColor

    public init(extent: Double, negative: HexColor, neutral: HexColor, positive: HexColor) {
        self.extent = extent; self.negative = negative; self.neutral = neutral; self.positive = positive
    }

    /// A nice symmetric extent covering every finite value (1 when there is none or all are 0).
    public static func niceExtent(_ values: [Double]) -> Double {
        let largest = values.filter(\.isFinite).map(abs).max() ?? 0
        guard largest > 0 else { return 1 }
        let step = NiceTicks.step(span: largest, approximately: 4)
        return (largest / step).rounded(.up) * step
    }

    /// The colour of `value`; nil for NaN (no value to show).
    public func color(_ value: Double) -> HexColor? {
        guard !value.isNaN else { return nil }
        let t = extent > 0 ? max(-1, min(1, value / extent)) : 0
        return Self.blend(neutral, t >= 0 ? positive : negative, abs(t))
    }

    /// Perceived brightness (0 black … 1 white; ITU-R BT.601 weights on the
    /// sRGB values), to pick a mark colour that stays readable on a cell.
    public static func brightness(_ c: HexColor) -> Double {
        let (r, g, b) = components(c)
        return 0.299 * r + 0.587 * g + 0.114 * b
    }

    static func components(_ c: HexColor) -> (Double, Double, Double) {
        let digits = Array(c.hex.utf8.dropFirst())
        func byte(_ i: Int) -> Double {
            func value(_ d: UInt8) -> Int { d <= 57 ? Int(d) - 48 : Int(d) - 87 }
            return Double(value(digits[i]) * 16 + value(digits[i + 1])) / 255
        }
        return (byte(0), byte(2), byte(4))
    }

    static func blend(_ a: HexColor, _ b: HexColor, _ t: Double) -> HexColor {
        let (ar, ag, ab) = components(a), (br, bg, bb) = components(b)
        func hex(_ x: Double, _ y: Double) -> String {
            let v = Int(((x + (y - x) * t) * 255).rounded())
            let s = String(max(0, min(255, v)), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return HexColor("#" + hex(ar, br) + hex(ag, bg) + hex(ab, bb)) ?? .fallback
    }
}
