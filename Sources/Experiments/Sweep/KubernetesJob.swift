import Foundation

/// A Kubernetes Indexed Job that runs a sweep: pod I runs point I with `collapse sweep run SPEC
/// --out DIR` (the index comes from `JOB_COMPLETION_INDEX`, which Indexed Jobs set).
///
/// The sweep directory lives on a persistent volume claim mounted in every pod: copy the planned
/// directory (`collapse sweep plan SPEC --out DIR`) onto the claim at `<mount path>/<DIR name>`,
/// `kubectl apply -f FILE`, and when the job completes copy it back and `collapse sweep collect
/// DIR` (or collect inside a pod). Failed indexes are retried (`backoffLimitPerIndex`, Kubernetes
/// ≥ 1.29); a retried index skips its point when an earlier try completed it.
public struct KubernetesJob: Sendable {
    public var jobName: String
    public var pointCount: Int
    public var resources: SweepResources
    public var image: String
    /// The `collapse` executable inside the image.
    public var executable: String
    public var claimName: String
    public var mountPath: String
    /// The sweep directory's name on the claim.
    public var directoryName: String
    public var namespace: String?

    public init(
        jobName: String, pointCount: Int, resources: SweepResources, image: String, executable: String,
        claimName: String, mountPath: String, directoryName: String, namespace: String? = nil
    ) {
        self.jobName = jobName
        self.pointCount = pointCount
        self.resources = resources
        self.image = image
        self.executable = executable
        self.claimName = claimName
        self.mountPath = mountPath
        self.directoryName = directoryName
        self.namespace = namespace
    }

    /// A DNS-1123 label from a spec name: lowercase letters, digits and '-', at most 63 characters.
    public static func label(_ name: String) -> String {
        var out = ""
        for character in name.lowercased() {
            out.append(character.isASCII && (character.isLetter || character.isNumber) ? character : "-")
        }
        while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "-") }
        out = String(out.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(52))
        out = out.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return (out.isEmpty ? "collapse" : out) + "-sweep"
    }

    /// The sweep directory inside the pods.
    public var sweepDirectory: String {
        (mountPath.hasSuffix("/") ? String(mountPath.dropLast()) : mountPath) + "/" + directoryName
    }

    public var text: String {
        let q = KubernetesJob.quote
        let parallelism = min(resources.parallel ?? pointCount, pointCount)
        var lines = [
            "# Kubernetes Indexed Job for the sweep \(jobName): \(pointCount) point\(pointCount == 1 ? "" : "s"), one index per point.",
            "# Written by `collapse sweep emit kubernetes`. The planned sweep directory must be on the claim",
            "# \(claimName) at \(directoryName)/; apply with kubectl apply -f THIS_FILE, then collect the directory.",
            "apiVersion: batch/v1",
            "kind: Job",
            "metadata:",
            "  name: \(q(KubernetesJob.label(jobName)))",
        ]
        if let namespace { lines.append("  namespace: \(q(namespace))") }
        lines += [
            "  labels:",
            "    app.kubernetes.io/name: collapse",
            "spec:",
            "  completionMode: Indexed",
            "  completions: \(pointCount)",
            "  parallelism: \(parallelism)",
            "  backoffLimitPerIndex: 2",
            "  template:",
            "    spec:",
            "      restartPolicy: Never",
        ]
        if let seconds = resources.timeLimitSeconds { lines.append("      activeDeadlineSeconds: \(seconds)") }
        let command = [
            executable, "sweep", "run", sweepDirectory + "/sweep.yaml", "--out", sweepDirectory,
            "--threads", String(resources.cpus), "--quiet",
        ]
        lines += [
            "      containers:",
            "        - name: collapse",
            "          image: \(q(image))",
            "          command: [" + command.map(q).joined(separator: ", ") + "]",
            "          resources:",
            "            requests:",
            "              cpu: \(q(String(resources.cpus)))",
        ]
        if let memory = resources.memoryMiB { lines.append("              memory: \(q("\(memory)Mi"))") }
        lines += [
            "            limits:",
            "              cpu: \(q(String(resources.cpus)))",
        ]
        if let memory = resources.memoryMiB { lines.append("              memory: \(q("\(memory)Mi"))") }
        lines += [
            "          volumeMounts:",
            "            - name: sweeps",
            "              mountPath: \(q(mountPath))",
            "      volumes:",
            "        - name: sweeps",
            "          persistentVolumeClaim:",
            "            claimName: \(q(claimName))",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// A YAML double-quoted scalar (JSON string syntax, which YAML reads the same way).
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
