/// An sbatch script that runs a sweep as a Slurm job array: array task I runs point I with
/// `collapse sweep run SPEC --out DIR` (the index comes from `SLURM_ARRAY_TASK_ID`).
///
/// Submit it with `sbatch FILE`; when the array is done, `collapse sweep collect DIR`. Re-submitting
/// is safe: complete points are skipped. Slurm's default `MaxArraySize` is 1001, so a larger sweep
/// needs that setting raised (or several submissions with `--array` given on the command line).
public struct SlurmScript: Sendable {
    public var jobName: String
    public var pointCount: Int
    public var resources: SweepResources
    /// The `collapse` executable as the compute nodes see it.
    public var executable: String
    /// The sweep directory (on a file system the compute nodes share), absolute.
    public var sweepDirectory: String
    public var partition: String?
    public var account: String?

    public init(
        jobName: String, pointCount: Int, resources: SweepResources, executable: String,
        sweepDirectory: String, partition: String? = nil, account: String? = nil
    ) {
        self.jobName = jobName
        self.pointCount = pointCount
        self.resources = resources
        self.executable = executable
        self.sweepDirectory = sweepDirectory
        self.partition = partition
        self.account = account
    }

    /// Where the tasks' standard output and error go (`%A` job, `%a` array index).
    public var logDirectory: String { sweepDirectory + "/logs" }

    public var text: String {
        var lines = [
            "#!/bin/bash",
            "# Slurm job array for the sweep \(jobName): \(pointCount) point\(pointCount == 1 ? "" : "s"), one array task per point.",
            "# Written by `collapse sweep emit slurm`. Submit: sbatch THIS_FILE; then: collapse sweep collect \(shellQuote(sweepDirectory))",
            "# Re-submitting is safe: complete points are skipped. Logs go to \(logDirectory) (it must exist).",
            "#SBATCH --job-name=\(jobName)",
            "#SBATCH --array=0-\(pointCount - 1)" + (resources.parallel.map { "%\($0)" } ?? ""),
            "#SBATCH --ntasks=1",
            "#SBATCH --cpus-per-task=\(resources.cpus)",
        ]
        if let memory = resources.memoryMiB { lines.append("#SBATCH --mem=\(memory)M") }
        if let seconds = resources.timeLimitSeconds { lines.append("#SBATCH --time=\(SweepResources.slurmTime(seconds))") }
        if let partition { lines.append("#SBATCH --partition=\(partition)") }
        if let account { lines.append("#SBATCH --account=\(account)") }
        lines.append("#SBATCH --output=\(logDirectory)/%A_%a.out")
        lines.append("#SBATCH --error=\(logDirectory)/%A_%a.out")
        lines += [
            "set -euo pipefail",
            "exec \(shellQuote(executable)) sweep run \(shellQuote(sweepDirectory + "/sweep.yaml")) --out \(shellQuote(sweepDirectory)) --index \"$SLURM_ARRAY_TASK_ID\" --threads \"${SLURM_CPUS_PER_TASK:-\(resources.cpus)}\" --quiet",
        ]
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Single-quotes a word for a POSIX shell when it holds anything but safe characters.
func shellQuote(_ word: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,+@%")
    if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
    return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
}
