import FieldVisitClient

/// A cohort's funnel (listed → interviewed → supported) drawn as a funnel: one band per
/// stage, as wide as its count, narrowing to the next stage's width, with the count of
/// the year before in parentheses. SVG drawn on the server, every text escaped.
struct SVGFunnelChart {
    /// The stages from the widest: label, this year's count, last year's.
    var stages: [(label: String, current: Int, previous: Int)]

    var svg: String {
        let width = 640.0, bandHeight = 46.0, gap = 4.0, funnelWidth = 360.0, labelX = 400.0
        let centre = funnelWidth / 2
        let largest = Double(max(1, stages.map(\.current).max() ?? 1))
        let widths = stages.map { funnelWidth * Double($0.current) / largest }
        let height = Double(stages.count) * (bandHeight + gap) + 4
        var parts = [#"<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart funnel" width="\#(Int(width))" height="\#(Int(height))" viewBox="0 0 \#(Int(width)) \#(Int(height))">"#]
        let colours = ["#1f3a5f", "#3c6e9f", "#7aa3c8"]
        for (index, stage) in stages.enumerated() {
            let top = Double(index) * (bandHeight + gap) + 2, bottom = top + bandHeight
            // The band narrows to the next stage's width; the last keeps its own.
            let upper = widths[index], lower = index + 1 < widths.count ? widths[index + 1] : widths[index]
            // A stage of 0 keeps a hairline so that the funnel stays readable.
            let upperHalf = max(upper, 2) / 2, lowerHalf = max(lower, 2) / 2
            let points = [(centre - upperHalf, top), (centre + upperHalf, top), (centre + lowerHalf, bottom), (centre - lowerHalf, bottom)]
                .map { "\(SVGText.number($0.0)),\(SVGText.number($0.1))" }.joined(separator: " ")
            let text = "\(stage.label) \(YearOverYear.grouped(stage.current))（\(YearOverYear.grouped(stage.previous))）"
            parts.append(#"<polygon points="\#(points)" fill="\#(colours[index % colours.count])"><title>\#(SVGText.escape(text))</title></polygon>"#)
            parts.append(#"<text x="\#(Int(labelX))" y="\#(SVGText.number(top + bandHeight / 2 + 5))" font-size="14">\#(SVGText.escape(text))</text>"#)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
