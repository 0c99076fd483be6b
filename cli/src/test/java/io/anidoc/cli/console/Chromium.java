package io.anidoc.cli.console;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The system's Chromium driven through the system's chromedriver (Debian {@code chromium} and
 * {@code chromium-driver}): both paths are given, so Selenium never looks for or downloads a
 * browser or a driver.
 */
final class Chromium {

    static final Path BROWSER = Path.of(System.getProperty("anidoc.test.chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("anidoc.test.chromedriver", "/usr/bin/chromedriver"));

    private Chromium() {
    }

    static ChromeDriver start(Path profile) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            throw new IllegalStateException("the browser test needs " + BROWSER + " and " + DRIVER
                    + " (Debian: apt-get install -y chromium chromium-driver; .ci/run installs them)");
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
        return new ChromeDriver(service, options);
    }

    static void screenshot(ChromeDriver browser, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
