package io.anidoc.cli.chaos;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The chaos run's report as text: the load, every fault with its recovery, medians, the checks. */
public final class ChaosReportText {

    private ChaosReportText() {
    }

    public static String of(ChaosRun.Report report) {
        ChaosRun.Options o = report.options();
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "chaos run: %d shots of %d frames %dx%d, %d faults (%d broker restarts), "
                        + "one every %d s, each process its own JVM (%s), %d cores%n",
                report.submitToFinishedMillis().size(), o.frames(), o.width(), o.height(), report.faults().size(),
                report.brokerRestarts(), o.killEvery().toSeconds(), String.join(" ", o.jvmOptions()),
                Runtime.getRuntime().availableProcessors()));
        text.append(String.format(Locale.ROOT, "%-5s %-10s %16s %19s%n", "fault", "victim", "kill-to-working s", "kill-to-progress s"));
        int n = 0;
        for (ChaosRun.Fault fault : report.faults()) {
            text.append(String.format(Locale.ROOT, "%-5d %-10s %16.1f %19s%n", ++n, fault.victim(), fault.readyMillis() / 1000.0,
                    fault.progressMillis().map(ms -> String.format(Locale.ROOT, "%.1f", ms / 1000.0)).orElse("none")));
        }
        List<Long> ready = new ArrayList<>();
        List<Long> progress = new ArrayList<>();
        report.faults().forEach(f -> {
            ready.add(f.readyMillis());
            f.progressMillis().ifPresent(progress::add);
        });
        text.append(String.format(Locale.ROOT, "median kill-to-working %.1f s (max %.1f), kill-to-progress %.1f s (max %.1f)%n",
                median(ready) / 1000.0, max(ready) / 1000.0, median(progress) / 1000.0, max(progress) / 1000.0));
        report.faults().stream().filter(f -> f.victim().equals(ProcessStack.BROKER)).forEach(f -> text.append(String.format(
                Locale.ROOT, "broker restart: working after %.1f s, first progress after %s s%n", f.readyMillis() / 1000.0,
                f.progressMillis().map(ms -> String.format(Locale.ROOT, "%.1f", ms / 1000.0)).orElse("none"))));
        List<Long> shots = new ArrayList<>(report.submitToFinishedMillis().values());
        text.append(String.format(Locale.ROOT, "submit-to-finished median %.1f s (max %.1f) over %d shots%n",
                median(shots) / 1000.0, max(shots) / 1000.0, shots.size()));
        if (report.failures().isEmpty()) {
            text.append("checks: every shot finished once and delivered once, frames identical to the direct run, no dead letter\n");
        } else {
            text.append("FAILED checks (work folder kept: ").append(report.workDir()).append("):\n");
            report.failures().forEach(f -> text.append("  ").append(f).append('\n'));
        }
        return text.toString();
    }

    private static long median(List<Long> values) {
        if (values.isEmpty()) {
            return 0;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}
