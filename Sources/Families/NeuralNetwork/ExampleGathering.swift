import ModelCollapse

extension TrainingSet where Batch == LabelledExamples {
    /// Every example of every part with weight > 0, in part order: rows, labels, and weights
    /// (part weight × example weight; nil when all are 1).
    func gathered() -> (rows: [Int32], labels: [Int32], weights: [Double]?) {
        var rows: [Int32] = [], labels: [Int32] = [], weights: [Double] = []
        var unweighted = true
        for part in parts where part.batch.count > 0 && part.weight > 0 {
            rows += part.batch.rows
            labels += part.batch.labels
            for i in 0..<part.batch.count {
                let w = part.weight * part.batch.weight(i)
                if w != 1 { unweighted = false }
                weights.append(w)
            }
        }
        return (rows, labels, unweighted ? nil : weights)
    }
}
