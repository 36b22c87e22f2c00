package org.jmasq.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless {@code chromium}, driven through its {@code chromedriver} by Selenium. Both are
 * named by path, so Selenium never looks for (or downloads) a browser or a driver of its own.
 */
final class Chromium implements AutoCloseable {
  private static final Path BROWSER = Path.of("/usr/bin/chromium");
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;

  private Chromium(ChromeDriver driver) {
    this.driver = driver;
  }

  static Chromium start(Path profile) throws IOException {
    if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
      throw new IllegalStateException(
          "the dashboard's browser tests need Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver)");
    }
    Files.createDirectories(profile);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER.toFile());
    options.addArguments(
        "--headless=new",
        // CI runs as root, where Chromium's sandbox cannot start.
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--window-size=1200,1150",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
    return new Chromium(new ChromeDriver(service, options));
  }

  void open(String url) {
    driver.get(url);
  }

  String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** The rows of a table's body, each as its cells' text. */
  List<List<String>> rows(String tableId) {
    return all("#" + tableId + " tbody tr").stream()
        .map(tr -> tr.findElements(By.tagName("td")).stream().map(WebElement::getText).toList())
        .toList();
  }

  <T> T await(Duration timeout, String what, Function<WebDriver, T> condition) {
    return await(timeout, () -> what, condition);
  }

  /**
   * Waits for {@code condition}; {@code what} is asked only when it fails, to say what was seen.
   */
  <T> T await(Duration timeout, Supplier<String> what, Function<WebDriver, T> condition) {
    // The page redraws its tables and graph as answers come: an element may go between a look
    // and a read of it.
    return new WebDriverWait(driver, timeout)
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  void screenshot(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
