package com.omnicanal.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven through chromedriver, both from the system (Debian: {@code apt-get install chromium
 * chromium-driver}); Selenium Manager is never asked to download anything. With no browser the test is skipped, unless
 * {@code OMNICANAL_REQUIRE_BROWSER} is set (CI sets it: there a missing browser fails the build).
 */
final class Browser {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start() {
        var binary = find("CHROME_BIN", "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        var driver = find("CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
        if (binary.isEmpty() || driver.isEmpty()) {
            var message = "no Chromium and chromedriver on this machine (apt-get install chromium chromium-driver, or set "
                    + "CHROME_BIN and CHROMEDRIVER): the web app's browser tests are skipped";
            if (System.getenv("OMNICANAL_REQUIRE_BROWSER") != null) throw new IllegalStateException(message);
            Assumptions.abort(message);
        }
        var options = new ChromeOptions().setBinary(binary.get().toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--window-size=1280,900", "--lang=fr-FR");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).usingAnyFreePort()
                .build();
        var chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return chrome;
    }

    private static Optional<Path> find(String variable, String... candidates) {
        var configured = System.getenv(variable);
        return Stream.concat(configured == null ? Stream.empty() : Stream.of(configured), Stream.of(candidates))
                .map(Path::of).filter(Files::isExecutable).findFirst();
    }

    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** axe-core's serious and critical violations on the page as it is now, one line each. */
    static List<String> seriousAccessibilityViolations(ChromeDriver driver) throws IOException {
        String axe;
        try (InputStream in = Browser.class.getResourceAsStream("/axe/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        var js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        @SuppressWarnings("unchecked")
        var violations = (List<Object>) js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then(r => done(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                      + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));
                """);
        return violations.stream().map(String::valueOf).toList();
    }
}
