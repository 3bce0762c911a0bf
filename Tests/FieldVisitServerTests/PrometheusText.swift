/// A Prometheus text exposition, read back into its samples, so that tests look up a
/// series by name and labels whatever the order of lines and labels.
struct PrometheusText {
    /// One line of a metric: its name, labels and value.
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Every sample, in the order of the text.
    let samples: [Sample]
    /// The `# TYPE` of each metric family.
    let types: [String: String]
    /// The `# HELP` of each metric family that has one.
    let help: [String: String]

    init(_ text: String) throws {
        var samples: [Sample] = []
        var types: [String: String] = [:]
        var help: [String: String] = [:]
        for line in text.split(separator: "\n") {
            if line.hasPrefix("# TYPE ") || line.hasPrefix("# HELP ") {
                let parts = line.dropFirst(7).split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { throw Malformed(line: String(line)) }
                if line.hasPrefix("# TYPE ") { types[parts[0]] = parts[1] } else { help[parts[0]] = parts[1] }
                continue
            }
            guard !line.hasPrefix("#") else { continue }
            samples.append(try Self.sample(String(line)))
        }
        self.samples = samples
        self.types = types
        self.help = help
    }

    /// The value of the series `name` with exactly `labels`, if it is there.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// Every sample of `name`.
    func series(_ name: String) -> [Sample] {
        samples.filter { $0.name == name }
    }

    /// A line the reader does not understand.
    struct Malformed: Error {
        var line: String
    }

    /// `name{label="value",…} value` or `name value`.
    static func sample(_ line: String) throws -> Sample {
        var rest = Substring(line)
        let name = rest.prefix { $0 != "{" && $0 != " " }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let label = rest.prefix { $0 != "=" }
                rest = rest.dropFirst(label.count)
                guard rest.hasPrefix("=\"") else { throw Malformed(line: line) }
                rest = rest.dropFirst(2)
                var value = ""
                while let character = rest.first, character != "\"" {
                    rest = rest.dropFirst()
                    guard character == "\\" else { value.append(character); continue }
                    guard let escaped = rest.first else { throw Malformed(line: line) }
                    rest = rest.dropFirst()
                    value.append(escaped == "n" ? "\n" : escaped)
                }
                guard rest.first == "\"" else { throw Malformed(line: line) }
                rest = rest.dropFirst()
                if rest.first == "," { rest = rest.dropFirst() }
                labels[String(label)] = value
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " ", let value = Double(rest.dropFirst()) else { throw Malformed(line: line) }
        return Sample(name: String(name), labels: labels, value: value)
    }
}
