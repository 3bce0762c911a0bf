import Foundation

/// A company's local benchmark as a radar chart: one axis per indicator, one outline per
/// hearing sheet (oldest pale, latest dark), so that a manager sees at a glance which
/// indicators moved, outward being better on every axis. The indicators have different
/// units, so each axis is scaled on its own, its outer ring being the best value of that
/// indicator across the sheets:
/// - where larger is better, the centre is 0 (or the smallest value, when one is
///   negative) and a value sits in proportion between the two;
/// - where smaller is better (``LocalBenchmarkIndicator/isBetterWhenLower``), a value
///   twice the best sits halfway, and 0 or below (実質無借金, payables above receivables)
///   is on the outer ring.
/// A value that cannot be computed sits at the centre. The tooltip of each outline names
/// every value. SVG drawn on the server.
struct SVGRadarChart {
    /// An axis: its label, and whether smaller values are better.
    struct Axis {
        var label: String
        var isBetterWhenLower = false
    }

    /// The axes, clockwise from the top.
    var axes: [Axis]
    /// One outline per period: its label and a value per axis (`nil` when not computable),
    /// with the text shown for each value.
    var series: [(label: String, values: [Double?], texts: [String])]

    var svg: String {
        let width = 680.0, size = 520.0, centreX = width / 2, centre = size / 2, radius = 170.0, legendTop = size + 8
        let height = legendTop + Double(series.count) * 20 + 8
        guard axes.count >= 3 else { return "" }
        func point(axis: Int, fraction: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(axes.count)
            return (centreX + radius * fraction * cos(angle), centre + radius * fraction * sin(angle))
        }
        func polygon(_ points: [(Double, Double)]) -> String {
            points.map { "\(SVGText.number($0.0)),\(SVGText.number($0.1))" }.joined(separator: " ")
        }
        var parts = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart radar" width="\#(Int(width))" height="\#(Int(height))" viewBox="0 0 \#(Int(width)) \#(Int(height))">"#]
        for ring in 1...4 {
            let fraction = Double(ring) / 4
            parts.append(#"<polygon points="\#(polygon((0..<axes.count).map { point(axis: $0, fraction: fraction) }))" fill="none" stroke="\#(Self.grid)"/>"#)
        }
        for (index, axis) in axes.enumerated() {
            let (x, y) = point(axis: index, fraction: 1)
            let (labelX, labelY) = point(axis: index, fraction: 1.18)
            let anchor = abs(labelX - centreX) < 1 ? "middle" : (labelX > centreX ? "start" : "end")
            parts.append(#"<line x1="\#(SVGText.number(centreX))" y1="\#(SVGText.number(centre))" x2="\#(SVGText.number(x))" y2="\#(SVGText.number(y))" stroke="\#(Self.grid)"/>"#)
            parts.append(#"<text x="\#(SVGText.number(labelX))" y="\#(SVGText.number(labelY + 5))" font-size="13" text-anchor="\#(anchor)">\#(SVGText.escape(axis.label))</text>"#)
        }
        let scales = axes.indices.map { axis in
            Scale(values: series.compactMap { $0.values.indices.contains(axis) ? $0.values[axis] : nil }, isBetterWhenLower: axes[axis].isBetterWhenLower)
        }
        for (index, line) in series.enumerated() {
            // The latest sheet darkest: the shade goes from pale to dark with time.
            let shade = series.count == 1 ? 1 : Double(index) / Double(series.count - 1)
            let colour = Self.colour(shade)
            let points = axes.indices.map { axis in
                point(axis: axis, fraction: line.values.indices.contains(axis) ? line.values[axis].map(scales[axis].fraction) ?? 0 : 0)
            }
            let tooltip = zip(axes.map(\.label), line.texts).map { "\($0): \($1)" }.joined(separator: "\n")
            parts.append(#"<polygon points="\#(polygon(points))" fill="\#(colour)" fill-opacity="0.12" stroke="\#(colour)" stroke-width="2"><title>\#(SVGText.escape(line.label + "\n" + tooltip))</title></polygon>"#)
            let y = legendTop + Double(index) * 20
            parts.append(#"<rect x="20" y="\#(SVGText.number(y))" width="14" height="10" fill="\#(colour)"/><text x="40" y="\#(SVGText.number(y + 10))" font-size="12">\#(SVGText.escape(line.label))</text>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    /// Where a value sits on its axis: 0 at the centre, 1 on the outer ring (the best value).
    struct Scale {
        var low = 0.0, high = 0.0, best = 0.0
        var isBetterWhenLower: Bool

        init(values: [Double], isBetterWhenLower: Bool) {
            self.isBetterWhenLower = isBetterWhenLower
            if isBetterWhenLower {
                best = values.filter { $0 > 0 }.min() ?? 0
            } else {
                low = min(0, values.min() ?? 0)
                high = max(values.max() ?? 0, low)
            }
        }

        func fraction(_ value: Double) -> Double {
            // Nothing owed (0 years) or payables above receivables is the best there is.
            if isBetterWhenLower { return value <= 0 ? 1 : best > 0 ? best / value : 0 }
            return high > low ? (value - low) / (high - low) : 0
        }
    }

    /// The colour of the rings and axes.
    static let grid = "#c8ccd2"

    /// A blue from pale (0) to the console's dark blue (1).
    static func colour(_ shade: Double) -> String {
        let pale = (159.0, 179.0, 200.0), dark = (31.0, 58.0, 95.0)
        func channel(_ a: Double, _ b: Double) -> String {
            let value = max(0, min(255, Int((a + (b - a) * shade).rounded())))
            let hex = String(value, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }
        return "#" + channel(pale.0, dark.0) + channel(pale.1, dark.1) + channel(pale.2, dark.2)
    }
}
