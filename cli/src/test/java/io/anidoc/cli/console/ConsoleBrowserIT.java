package io.anidoc.cli.console;

import io.anidoc.cli.CliRun;
import io.anidoc.cli.local.LocalStack;
import io.anidoc.cli.local.PipelineService;
import io.anidoc.core.metrics.ShotEvaluator;
import io.anidoc.runtime.config.ConfigSource;
import io.anidoc.runtime.service.RunningService;
import io.anidoc.core.synth.SynthOptions;
import io.anidoc.core.synth.SyntheticShotGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.vertx.core.json.JsonObject;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser over the whole local pipeline: a generated shot in which an
 * object enters after its only keyframe, watched live to the end, inspected, and fixed with clicks.
 */
class ConsoleBrowserIT {

    private static final String TOKEN = "studio-paint-token";
    private static final String SHOT = "synth-21";
    private static final int WIDTH = 480;
    private static final int HEIGHT = 288;
    private static final int FIXED = 8;
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path dir;

    static LocalStack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        stack = LocalStack.builder(dir.resolve("work"))
                .setting(PipelineService.INGEST, "ANIDOC_INGEST_TOKENS", TOKEN)
                .consoleSetting("ANIDOC_CONSOLE_READ_TOKENS", "studio-read-token")
                .console(0)
                .start();
        browser = Chromium.start(dir.resolve("chromium-profile"));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aShotIsWatchedLiveInspectedAndFixedWithClicks() throws Exception {
        Path shot = dir.resolve("shot");
        // one keyframe at the start; a prop drops in a third into the shot, in a color no keyframe shows
        SyntheticShotGenerator.generate(new SynthOptions(WIDTH, HEIGHT, 12, 21, SynthOptions.MODERATE_MOTION, true, false,
                false, false, List.of(0)).withEntering(true), shot);

        // rows are drawn again on every event: an element found a moment ago may be gone
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3));
        wait.ignoring(StaleElementReferenceException.class);
        openConsole(wait);
        assertThat(browser.findElement(By.id("role")).getText()).isEqualTo("paint / operate");

        // the page is open before the shot exists: what follows reaches it through the event stream
        CliRun submit = CliRun.of("submit", shot.toString(), "--ingest", stack.ingestUri().toString(), "--token", TOKEN);
        assertThat(submit.exitCode()).as(submit.err()).isZero();
        By row = By.cssSelector("tr[data-shot='" + SHOT + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(row));
        wait.until(d -> "FINISHED".equals(d.findElement(row).getAttribute("data-state")));
        String sink = wait.until(d -> d.findElement(row).findElement(By.cssSelector("td[data-stage='sink'] small")).getText());
        String versions = wait.until(d -> d.findElement(row).findElement(By.cssSelector("td.versions")).getText());
        assertThat(sink).isNotBlank();
        assertThat(versions).isEqualTo("v1");
        Chromium.screenshot(browser, SCREENSHOTS.resolve("shots.png"));

        // the state filter hides what does not match
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state-filter"))).selectByValue("FAILED");
        assertThat(browser.findElements(row)).isEmpty();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("state-filter"))).selectByValue("FINISHED");
        assertThat(browser.findElements(row)).hasSize(1);

        // the shot page, at the drawing with the most uncertain regions: each is outlined
        wait.until(d -> {
            d.findElement(row).findElement(By.tagName("a")).click();
            return true;
        });
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#filmstrip .thumb"), 12));
        assertThat(browser.findElements(By.cssSelector("#filmstrip .thumb.key"))).hasSize(1);
        JsonObject manifest = new JsonObject(Files.readString(stack.outputRoot().resolve(SHOT).resolve("manifest.json")));
        JsonObject unsure = manifest.getJsonArray("frames").stream().map(JsonObject.class::cast)
                .max(Comparator.comparingInt(f -> f.getJsonArray("uncertainRegions").size())).orElseThrow();
        int regions = unsure.getJsonArray("uncertainRegions").size();
        assertThat(regions).as("uncertain regions in some drawing").isPositive();
        showDrawing(wait, unsure.getInteger("index"));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#regions rect.uncertain"), regions));
        browser.findElement(By.id("layer-lineart")).click();
        Chromium.screenshot(browser, SCREENSHOTS.resolve("shot-uncertain-regions.png"));
        browser.findElement(By.id("layer-lineart")).click();

        // a drawing after the prop came to rest
        showDrawing(wait, FIXED);

        // where the prop is in the ground truth, and its color there
        BufferedImage key = ImageIO.read(shot.resolve("gt/0000.png").toFile());
        BufferedImage truth = ImageIO.read(shot.resolve(String.format("gt/%04d.png", FIXED)).toFile());
        BufferedImage delivered = ImageIO.read(stack.outputRoot().resolve(SHOT).resolve(String.format("color/%04d.png", FIXED)).toFile());
        int[] target = insideNewColor(truth, key, palette(shot));
        int x = target[0];
        int y = target[1];
        int rgb = truth.getRGB(x, y) & 0xFFFFFF;
        assertThat(delivered.getRGB(x, y) & 0xFFFFFF).as("the prop is wrong in version 1").isNotEqualTo(rgb);

        // fix: type the color (no keyframe has it), click the prop; the page fills it at once
        String hex = String.format("#%06x", rgb);
        WebElement custom = browser.findElement(By.id("custom-color"));
        custom.sendKeys(hex);
        custom.sendKeys(org.openqa.selenium.Keys.TAB);
        WebElement paint = browser.findElement(By.id("paint"));
        int width = paint.getRect().getWidth();
        int height = paint.getRect().getHeight();
        new Actions(browser).moveToElement(paint, (int) Math.round((x + 0.5) * width / (double) WIDTH - width / 2.0),
                (int) Math.round((y + 0.5) * height / (double) HEIGHT - height / 2.0)).click().perform();
        wait.until(ExpectedConditions.textMatches(By.id("fix-status"), java.util.regex.Pattern.compile("^filled \\d+ pixels.*")));
        @SuppressWarnings("unchecked")
        List<Long> painted = (List<Long>) browser.executeScript(
                "const d = document.getElementById('paint').getContext('2d').getImageData(arguments[0], arguments[1], 1, 1).data;"
                        + "return [d[0], d[1], d[2], d[3]];", x, y);
        assertThat(painted).containsExactly((long) (rgb >> 16 & 255), (long) (rgb >> 8 & 255), (long) (rgb & 255), 255L);
        Chromium.screenshot(browser, SCREENSHOTS.resolve("shot-fixed.png"));

        // save: the fixed drawing becomes a keyframe of a retake, and version 2 arrives on the open page
        browser.findElement(By.id("save-fix")).click();
        wait.until(ExpectedConditions.textMatches(By.id("fix-status"), java.util.regex.Pattern.compile("^saved: version 2 .*")));
        wait.until(d -> "2".equals(browser.findElement(By.id("version")).getAttribute("value")));
        Path v1 = stack.outputRoot().resolve(SHOT);
        Path v2 = v1.resolve("v2");
        assertThat(v2.resolve("manifest.json")).isRegularFile();
        for (int drawing = FIXED; drawing < 12; drawing++) {
            BufferedImage gt = ImageIO.read(shot.resolve(String.format("gt/%04d.png", drawing)).toFile());
            int[] prop = insideNewColor(gt, key, palette(shot));
            BufferedImage second = ImageIO.read(v2.resolve(String.format("color/%04d.png", drawing)).toFile());
            assertThat(second.getRGB(prop[0], prop[1]) & 0xFFFFFF).as("the prop in version 2, drawing %d", drawing)
                    .isEqualTo(gt.getRGB(prop[0], prop[1]) & 0xFFFFFF);
        }
        double first = ShotEvaluator.evaluate(v1, shot).meanNonLinePixelAccuracy();
        double second = ShotEvaluator.evaluate(v2, shot).meanNonLinePixelAccuracy();
        System.out.printf("non-line pixel accuracy: version 1 %.4f, version 2 %.4f%n", first, second);
        assertThat(second).isGreaterThan(first);
        Chromium.screenshot(browser, SCREENSHOTS.resolve("shot-version-2.png"));

        // the pipeline page lists every stage's group with a live member
        browser.findElement(By.id("nav-pipeline")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#groups tr")));
        String groups = browser.findElement(By.id("groups")).getText();
        assertThat(groups).contains("anidoc.matcher", "anidoc.tracker", "anidoc.colorizer");
    }

    @Test
    void aDeadLetterOfAMisconfiguredStageIsReplayedAfterTheFixAndTheShotFinishes() throws Exception {
        Path shot = dir.resolve("shot-replay");
        SyntheticShotGenerator.generate(new SynthOptions(256, 160, 4, 22, SynthOptions.MODERATE_MOTION, true, false,
                false, false, List.of(0, 3)), shot);
        // a colorizer that looks for blobs in the wrong folder: every clip it takes is dead-lettered
        stack.stop(PipelineService.COLORIZER);
        Map<String, String> wrong = Map.of("ANIDOC_SERVICE_NAME", "colorizer", "ANIDOC_HTTP_PORT", "0",
                "ANIDOC_HTTP_HOST", "127.0.0.1", "ANIDOC_TOPIC_REPLICATION_FACTOR", "1",
                "ANIDOC_BLOB_ROOT", dir.resolve("not-the-blob-store").toString());
        RunningService misconfigured = PipelineService.COLORIZER.prepare(ConfigSource.of(wrong).withFallback(stack.clientSettings()))
                .launcher().start().toCompletionStage().toCompletableFuture().get(2, TimeUnit.MINUTES);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(3));
        wait.ignoring(StaleElementReferenceException.class);
        try {
            openConsole(wait);
            CliRun submit = CliRun.of("submit", shot.toString(), "--ingest", stack.ingestUri().toString(), "--token", TOKEN);
            assertThat(submit.exitCode()).as(submit.err()).isZero();
            By row = By.cssSelector("tr[data-shot='synth-22']");
            wait.until(d -> "FAILED".equals(d.findElement(row).getAttribute("data-state")));
            String problem = wait.until(d -> d.findElement(row).findElement(By.cssSelector("td.problem")).getText());
            assertThat(problem).startsWith("colorizer:");
        } finally {
            misconfigured.close().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        // the fix: the colorizer with its right settings; then the operator replays the dead letter
        stack.start(PipelineService.COLORIZER);
        browser.findElement(By.id("nav-pipeline")).click();
        By letter = By.xpath("//tbody[@id='deadletters']/tr[td[3][text()='synth-22']]");
        String cause = wait.until(d -> d.findElement(letter).findElement(By.cssSelector("td.cause")).getText());
        assertThat(cause).isNotBlank();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#groups tr[data-group]")));
        Chromium.screenshot(browser, SCREENSHOTS.resolve("pipeline.png"));
        wait.until(d -> {
            d.findElement(letter).findElement(By.cssSelector("button.replay")).click();
            return true;
        });
        wait.until(d -> d.findElement(letter).getText().contains("replayed to"));
        browser.findElement(By.id("nav-shots")).click();
        wait.until(d -> "FINISHED".equals(d.findElement(By.cssSelector("tr[data-shot='synth-22']")).getAttribute("data-state")));
        assertThat(stack.outputRoot().resolve("synth-22/manifest.json")).isRegularFile();
    }

    private static void openConsole(WebDriverWait wait) {
        browser.get(stack.consoleUri().orElseThrow().toString());
        // a browser that logged in before keeps its token; a new one is asked for it
        wait.until(d -> !d.findElements(By.id("token")).isEmpty() || "live".equals(d.findElement(By.id("live")).getText()));
        if (!browser.findElements(By.id("token")).isEmpty()) {
            browser.findElement(By.id("token")).sendKeys(TOKEN);
            browser.findElement(By.cssSelector("#login-form button")).click();
        }
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
    }

    private static void showDrawing(WebDriverWait wait, int index) {
        WebElement slider = browser.findElement(By.id("frame"));
        browser.executeScript("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input'));", slider, index);
        wait.until(ExpectedConditions.textMatches(By.id("frame-label"), java.util.regex.Pattern.compile("^drawing " + index + " .*")));
        wait.until(ExpectedConditions.attributeToBe(By.id("paint"), "data-ready", String.valueOf(index)));
    }

    /**
     * A pixel well inside the largest area of a palette color the keyframe does not show (the
     * prop): its 3x3 neighbourhood has the same color in the ground truth.
     */
    static int[] insideNewColor(BufferedImage truth, BufferedImage key, java.util.Set<Integer> palette) {
        java.util.Set<Integer> keyColors = new java.util.HashSet<>();
        for (int y = 0; y < key.getHeight(); y++) {
            for (int x = 0; x < key.getWidth(); x++) {
                keyColors.add(key.getRGB(x, y) & 0xFFFFFF);
            }
        }
        Map<Integer, Integer> counts = new HashMap<>();
        for (int y = 0; y < truth.getHeight(); y++) {
            for (int x = 0; x < truth.getWidth(); x++) {
                int c = truth.getRGB(x, y) & 0xFFFFFF;
                if (palette.contains(c) && !keyColors.contains(c)) {
                    counts.merge(c, 1, Integer::sum);
                }
            }
        }
        int color = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow(
                () -> new AssertionError("the last drawing shows no color the keyframe lacks")).getKey();
        for (int y = 1; y < truth.getHeight() - 1; y++) {
            for (int x = 1; x < truth.getWidth() - 1; x++) {
                if (uniform(truth, x, y, color)) {
                    return new int[] {x, y};
                }
            }
        }
        throw new AssertionError("no pixel deep inside the new color");
    }

    /** The shot's fill palette as the generator wrote it into shot.json. */
    static java.util.Set<Integer> palette(Path shot) throws java.io.IOException {
        return new JsonObject(Files.readString(shot.resolve("shot.json"))).getJsonArray("palette").stream()
                .map(c -> Integer.parseInt(((String) c).substring(1), 16)).collect(java.util.stream.Collectors.toSet());
    }

    private static boolean uniform(BufferedImage image, int cx, int cy, int color) {
        for (int y = cy - 1; y <= cy + 1; y++) {
            for (int x = cx - 1; x <= cx + 1; x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) != color) {
                    return false;
                }
            }
        }
        return true;
    }
}
