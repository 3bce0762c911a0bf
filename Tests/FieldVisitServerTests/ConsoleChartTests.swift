import Foundation
import Testing
@testable import FieldVisitServer

/// The console's charts: drawn to scale, and every label escaped.
@Suite struct ConsoleChartTests {
    /// The `points` of each polygon of `svg`, as numbers.
    static func polygons(_ svg: String) -> [[(Double, Double)]] {
        svg.components(separatedBy: #"<polygon points=""#).dropFirst().map { part in
            part.prefix { $0 != "\"" }.split(separator: " ").map { pair in
                let xy = pair.split(separator: ",").compactMap { Double($0) }
                return (xy[0], xy[1])
            }
        }
    }

    @Test func aFunnelNarrowsFromStageToStageInProportion() {
        let svg = SVGFunnelChart(stages: [("対象企業", 100, 90), ("面談実施", 50, 40), ("支援実施", 25, 20)]).svg
        let bands = Self.polygons(svg)
        #expect(bands.count == 3)
        // Each band's top is as wide as its stage, its bottom as the next stage's.
        let widths = bands.map { ($0[1].0 - $0[0].0, $0[2].0 - $0[3].0) }
        #expect(widths[0] == (360, 180) && widths[1] == (180, 90) && widths[2] == (90, 90))
        #expect(svg.contains("対象企業 100（90）"))
    }

    @Test func aRadarPlacesEachAxisBestValueOnTheOuterRing() throws {
        let axes = ["a", "b", "c", "d", "e"].map { SVGRadarChart.Axis(label: $0) } + [SVGRadarChart.Axis(label: "倍率", isBetterWhenLower: true)]
        let chart = SVGRadarChart(axes: axes, series: [
            ("前期", [1, 2, 3, 4, nil, 10], ["1", "2", "3", "4", "—", "10"]),
            ("今期", [2, 4, 6, 8, -1, 5], ["2", "4", "6", "8", "-1", "5"]),
        ])
        let outlines = Self.polygons(chart.svg).suffix(2).map { $0 }
        let centre = (340.0, 260.0), radius = 170.0
        func distance(_ point: (Double, Double)) -> Double {
            ((point.0 - centre.0) * (point.0 - centre.0) + (point.1 - centre.1) * (point.1 - centre.1)).squareRoot()
        }
        // Larger is better on the first four: the latest on the outer ring, the earlier at half.
        for axis in 0..<4 {
            #expect(abs(distance(outlines[1][axis]) - radius) < 0.2)
            #expect(abs(distance(outlines[0][axis]) - radius / 2) < 0.2)
        }
        // An axis with only a negative value has its centre there; a missing value sits at the centre.
        #expect(distance(outlines[1][4]) < 0.2 && distance(outlines[0][4]) < 0.2)
        // Smaller is better: 5 is the best and outermost, 10 (twice as many years) at half.
        #expect(abs(distance(outlines[1][5]) - radius) < 0.2 && abs(distance(outlines[0][5]) - radius / 2) < 0.2)
    }

    @Test func everyLabelIsEscaped() {
        let hostile = #"<script>alert("x")</script>&"#
        let charts = [
            SVGBarChart(bars: [(hostile, 1, 2)], currentLabel: hostile, previousLabel: hostile).svg,
            SVGFunnelChart(stages: [(hostile, 1, 0)]).svg,
            SVGRadarChart(axes: [hostile, "b", "c"].map { SVGRadarChart.Axis(label: $0) }, series: [(hostile, [1, 2, 3], [hostile, "2", "3"])]).svg,
        ]
        for svg in charts {
            #expect(!svg.contains("<script>") && !svg.contains(#"("x")"#))
            #expect(svg.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;"))
        }
    }
}
