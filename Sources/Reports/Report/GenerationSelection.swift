/// The generations a summary table shows: 0 (the truth), 1, log-spaced ones (2, 5, 10, 20, 50, …)
/// and the last; every generation when there are at most twelve.
public enum GenerationSelection {
    public static func selected(from generations: [Int]) -> [Int] {
        let available = Array(Set(generations)).sorted()
        guard let last = available.last else { return [] }
        if available.count <= 12 { return available }
        var wanted: [Int] = [0, 1]
        var decade = 1
        while decade <= last {
            for m in [2, 5, 10] where m * decade < last { wanted.append(m * decade) }
            decade *= 10
        }
        wanted.append(last)
        let present = Set(available)
        var seen = Set<Int>()
        return wanted.filter { present.contains($0) && seen.insert($0).inserted }.sorted()
    }
}
