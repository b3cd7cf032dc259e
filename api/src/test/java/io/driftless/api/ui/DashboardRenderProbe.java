package io.driftless.api.ui;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Not part of the suite (its name matches neither *Test nor *IT): prints how long dashboard pages
 * take to render against a server you started and filled, e.g. with 1,000 environments (docs/ui.md
 * says how): the first full load, then each page reached the way a click reaches it (client-side
 * navigation), from the route change to the page rendered with its data. Run with {@code
 * -Dit.test=DashboardRenderProbe -Ddriftless.url=http://localhost:18480
 * -Ddriftless.tokenFile=data/admin.token}.
 */
class DashboardRenderProbe {
  private static final String[] PAGES = {
    "/", "/?prefix=env-9", "/?status=synced", "/environments/env-500", "/runs/500", "/audit"
  };

  @Test
  void printRenderTimes() throws Exception {
    String base = System.getProperty("driftless.url");
    String tokenFile = System.getProperty("driftless.tokenFile");
    assumeTrue(base != null && tokenFile != null, "set -Ddriftless.url and -Ddriftless.tokenFile");
    String token = Files.readString(Path.of(tokenFile)).trim();
    Path dir = Files.createTempDirectory("driftless-render-probe");
    try (Browser browser =
        Browser.start(
            dir.resolve("profile"), dir.resolve("no-request-log"), dir.resolve("shots"))) {
      browser.signIn(base, token);
      browser.open(base + "/");
      browser.find("main tbody tr");
      Number load =
          (Number)
              browser.driver.executeScript(
                  "const m = performance.getEntriesByName('driftless:rendered');"
                      + " return m[m.length - 1].startTime;");
      System.out.printf("full load of /            %6.0f ms%n", load.doubleValue());
      for (String page : PAGES) {
        for (int i = 0; i < 5; i++) {
          Number ms =
              (Number)
                  browser.driver.executeAsyncScript(
                      "const [path, done] = arguments; const t0 = performance.now();"
                          + " document.addEventListener('driftless:rendered',"
                          + " () => done(performance.now() - t0), {once: true});"
                          + " history.pushState(null, '', path);"
                          + " dispatchEvent(new PopStateEvent('popstate'));",
                      page);
          browser.find("main tbody tr, main .facts");
          Object nodes =
              browser.driver.executeScript("return document.getElementsByTagName('*').length");
          System.out.printf(
              "%-24s rendered %6.0f ms, %s DOM nodes%n", page, ms.doubleValue(), nodes);
        }
        browser.assertNoErrors(page);
      }
    }
  }
}
