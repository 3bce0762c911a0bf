import Foundation

/// Horizontal bars, this year's beside last year's, for each label: SVG drawn on the
/// server, every text escaped.
struct SVGBarChart {
    var bars: [(label: String, current: Int, previous: Int)]
    var currentLabel: String
    var previousLabel: String

    var svg: String {
        let labelWidth = 260, barWidth = 420, rowHeight = 34, top = 30
        let largest = max(1, bars.map { max($0.current, $0.previous) }.max() ?? 1)
        let height = top + bars.count * rowHeight + 10
        var parts = [##"<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" width="\##(labelWidth + barWidth + 80)" height="\##(height)" viewBox="0 0 \##(labelWidth + barWidth + 80) \##(height)">"##]
        parts.append(##"<rect x="\##(labelWidth)" y="6" width="14" height="10" fill="#1f3a5f"/><text x="\##(labelWidth + 20)" y="15" font-size="12">\##(SVGText.escape(currentLabel))</text>"##)
        parts.append(##"<rect x="\##(labelWidth + 160)" y="6" width="14" height="10" fill="#9fb3c8"/><text x="\##(labelWidth + 180)" y="15" font-size="12">\##(SVGText.escape(previousLabel))</text>"##)
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let current = bar.current * barWidth / largest, previous = bar.previous * barWidth / largest
            parts.append(##"<text x="\##(labelWidth - 8)" y="\##(y + 18)" font-size="13" text-anchor="end">\##(SVGText.escape(bar.label))</text>"##)
            parts.append(##"<rect x="\##(labelWidth)" y="\##(y + 2)" width="\##(current)" height="13" fill="#1f3a5f"><title>\##(bar.current)</title></rect>"##)
            parts.append(##"<text x="\##(labelWidth + current + 4)" y="\##(y + 13)" font-size="11">\##(bar.current)</text>"##)
            parts.append(##"<rect x="\##(labelWidth)" y="\##(y + 16)" width="\##(previous)" height="13" fill="#9fb3c8"><title>\##(bar.previous)</title></rect>"##)
            parts.append(##"<text x="\##(labelWidth + previous + 4)" y="\##(y + 27)" font-size="11">\##(bar.previous)</text>"##)
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
