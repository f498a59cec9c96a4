/// How the model of generation t is obtained from the fit on generation t's training set.
public enum UpdateRule: Sendable, Equatable {
    /// The new model is the fit itself.
    case refit
    /// The new model moves part-way from the previous model towards the fit:
    /// θ_t = (1 − a(t))·θ_{t−1} + a(t)·θ̂_t (stochastic approximation).
    case incremental(StepSchedule)
}
