/// Which of the two exact paths of DESIGN.md a run takes.
public enum ComputationPath: String, Sendable, CaseIterable {
    /// Draw every synthetic point and fit on the points.
    case samples
    /// Draw the sufficient statistics of each synthetic batch from their exact distribution:
    /// O(1) per generation instead of O(n). Only for families and regimes that allow it.
    case statistics
    /// `statistics` where possible, else `samples`.
    case auto
}
