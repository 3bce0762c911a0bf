import Foundation

/// A company's local benchmark as a radar chart: one axis per indicator, one outline per
/// hearing sheet (oldest pale, latest dark), so that a manager sees at a glance which
/// indicators moved. The indicators have different units, so each axis is scaled on its
/// own: its outer ring is the largest value of that indicator across the sheets, its
/// centre 0 (or the smallest value, when one is negative). A value that cannot be
/// computed sits at the centre and is named in the tooltip. SVG drawn on the server.
struct SVGRadarChart {
    /// The axes' labels, clockwise from the top.
    var axes: [String]
    /// One outline per period: its label and a value per axis (`nil` when not computable),
    /// with the text shown for each value.
    var series: [(label: String, values: [Double?], texts: [String])]

    var svg: String {
        let size = 520.0, centre = size / 2, radius = 170.0, legendTop = size + 8
        let height = legendTop + Double(series.count) * 20 + 8
        guard axes.count >= 3 else { return "" }
        func point(axis: Int, fraction: Double) -> (Double, Double) {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(axis) / Double(axes.count)
            return (centre + radius * fraction * cos(angle), centre + radius * fraction * sin(angle))
        }
        func polygon(_ points: [(Double, Double)]) -> String {
            points.map { "\(SVGText.number($0.0)),\(SVGText.number($0.1))" }.joined(separator: " ")
        }
        var parts = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart radar" width="\#(Int(size))" height="\#(Int(height))" viewBox="0 0 \#(Int(size)) \#(Int(height))">"#]
        for ring in 1...4 {
            let fraction = Double(ring) / 4
            parts.append(#"<polygon points="\#(polygon((0..<axes.count).map { point(axis: $0, fraction: fraction) }))" fill="none" stroke="\#(Self.grid)"/>"#)
        }
        for (index, label) in axes.enumerated() {
            let (x, y) = point(axis: index, fraction: 1)
            let (labelX, labelY) = point(axis: index, fraction: 1.18)
            let anchor = abs(labelX - centre) < 1 ? "middle" : (labelX > centre ? "start" : "end")
            parts.append(#"<line x1="\#(SVGText.number(centre))" y1="\#(SVGText.number(centre))" x2="\#(SVGText.number(x))" y2="\#(SVGText.number(y))" stroke="\#(Self.grid)"/>"#)
            parts.append(#"<text x="\#(SVGText.number(labelX))" y="\#(SVGText.number(labelY + 5))" font-size="13" text-anchor="\#(anchor)">\#(SVGText.escape(label))</text>"#)
        }
        // Each axis from 0 (or its smallest value) to its largest.
        let scales = (0..<axes.count).map { axis -> (low: Double, high: Double) in
            let values = series.compactMap { $0.values.indices.contains(axis) ? $0.values[axis] : nil }
            let low = min(0, values.min() ?? 0), high = max(values.max() ?? 0, low)
            return (low, high)
        }
        for (index, line) in series.enumerated() {
            // The latest sheet darkest: the shade goes from pale to dark with time.
            let shade = series.count == 1 ? 1 : Double(index) / Double(series.count - 1)
            let colour = Self.colour(shade)
            let points = (0..<axes.count).map { axis -> (Double, Double) in
                let scale = scales[axis]
                guard line.values.indices.contains(axis), let value = line.values[axis], scale.high > scale.low else { return (centre, centre) }
                return point(axis: axis, fraction: (value - scale.low) / (scale.high - scale.low))
            }
            let tooltip = zip(axes, line.texts).map { "\($0): \($1)" }.joined(separator: "\n")
            parts.append(#"<polygon points="\#(polygon(points))" fill="\#(colour)" fill-opacity="0.12" stroke="\#(colour)" stroke-width="2"><title>\#(SVGText.escape(line.label + "\n" + tooltip))</title></polygon>"#)
            let y = legendTop + Double(index) * 20
            parts.append(#"<rect x="20" y="\#(SVGText.number(y))" width="14" height="10" fill="\#(colour)"/><text x="40" y="\#(SVGText.number(y + 10))" font-size="12">\#(SVGText.escape(line.label))</text>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
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
