package io.anidoc.cli.station;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line progress display on the error stream. On a terminal the line is redrawn in place;
 * elsewhere (a log file, a pipe) a line is printed only when the text changes.
 */
public final class ProgressBar {

    private static final int WIDTH = 24;

    private final PrintWriter err;
    private final boolean terminal;
    private String last = "";
    private int lastLength;

    public ProgressBar(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    /** A bar that redraws in place when this process has a terminal. */
    public static ProgressBar on(PrintWriter err) {
        return new ProgressBar(err, System.console() != null);
    }

    public void uploading(String shotId, int done, int total) {
        show(total == 0 ? 0 : (double) done / total, String.format(Locale.ROOT, "%s uploading %d/%d images", shotId, done, total));
    }

    public void progress(ShotProgress progress) {
        StringBuilder text = new StringBuilder(progress.shotId()).append(' ').append(progress.state().toLowerCase(Locale.ROOT));
        if (progress.totalClips() > 0) {
            for (String stage : ShotProgress.CLIP_STAGES) {
                text.append(String.format(Locale.ROOT, "  %s %d/%d", stage,
                        Math.min(progress.totalClips(), progress.completed().getOrDefault(stage, 0)), progress.totalClips()));
            }
        }
        show(progress.fraction(), text.toString());
    }

    /** Shows the shot as finished, as announced by the sink before the next status poll would show it. */
    public void finished(String shotId) {
        show(1.0, shotId + " finished");
    }

    /** Ends the line so that what follows starts on its own. */
    public synchronized void done() {
        if (terminal && lastLength > 0) {
            err.println();
            err.flush();
        }
        lastLength = 0;
    }

    private synchronized void show(double fraction, String text) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
        String line = String.format(Locale.ROOT, "[%s%s] %3d%% %s", "#".repeat(filled), "-".repeat(WIDTH - filled),
                (int) Math.floor(fraction * 100), text);
        if (line.equals(last)) {
            return;
        }
        last = line;
        if (terminal) {
            String padding = " ".repeat(Math.max(0, lastLength - line.length()));
            err.print("\r" + line + padding);
            lastLength = line.length();
        } else {
            err.println(line);
        }
        err.flush();
    }
}
