package io.anidoc.cli.station;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

class ProgressBarTest {

    @Test
    void withoutATerminalALineIsPrintedOnlyWhenTheTextChanges() {
        StringWriter printed = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(printed, true), false);

        bar.uploading("s1", 1, 4);
        bar.uploading("s1", 1, 4);
        bar.uploading("s1", 4, 4);

        assertThat(printed.toString().lines()).containsExactly(
                "[######------------------]  25% s1 uploading 1/4 images",
                "[########################] 100% s1 uploading 4/4 images");
    }

    @Test
    void aShotAnnouncedFinishedEndsTheBarAtFinished() {
        StringWriter printed = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(printed, true), false);

        bar.uploading("s1", 0, 4);
        bar.finished("s1");
        bar.done();

        assertThat(printed.toString().lines()).last().isEqualTo("[########################] 100% s1 finished");
    }

    @Test
    void onATerminalTheLineIsRedrawnInPlaceAndEndedOnce() {
        StringWriter printed = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(printed, true), true);

        bar.uploading("s1", 2, 4);
        bar.finished("s1");
        bar.done();

        assertThat(printed.toString()).startsWith("\r[############------------]  50% s1 uploading 2/4 images")
                .contains("\r[########################] 100% s1 finished")
                .endsWith(System.lineSeparator());
        assertThat(printed.toString().chars().filter(c -> c == '\n').count()).as("one line, ended once").isEqualTo(1);
    }
}
