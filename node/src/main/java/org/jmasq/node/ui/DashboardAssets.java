package org.jmasq.node.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The dashboard's page and its assets, as pages {@link HttpGets} serves by plain HTTP GET on the UI
 * port (with its Host check). The assets are classpath resources read once, so nothing outside the
 * jar is ever served.
 */
final class DashboardAssets {
  private static final String ROOT = "dashboard/";

  private DashboardAssets() {}

  /**
   * Path → page: the page, its script and its style, nothing more.
   *
   * @param port the port the gateway listens on: the only place the page may connect to
   */
  static Map<String, HttpPage.Responder> pages(IntSupplier port) {
    HttpPage index = load("index.html", "text/html; charset=utf-8");
    HttpPage script = load("dashboard.js", "text/javascript; charset=utf-8");
    HttpPage style = load("dashboard.css", "text/css; charset=utf-8");
    return Map.of(
        "/", () -> guarded(index, port.getAsInt()),
        "/index.html", () -> guarded(index, port.getAsInt()),
        "/dashboard.js", () -> guarded(script, port.getAsInt()),
        "/dashboard.css", () -> guarded(style, port.getAsInt()));
  }

  /**
   * The page loads nothing but its own assets, talks to nothing but this port, and is never framed
   * by another page (which could trick the user into clicking Shut down).
   */
  private static HttpPage guarded(HttpPage asset, int port) {
    return asset.with(
        Map.of(
            "X-Content-Type-Options",
            "nosniff",
            "Content-Security-Policy",
            "default-src 'self'; connect-src ws://127.0.0.1:"
                + port
                + " ws://localhost:"
                + port
                + "; img-src 'self' data:; frame-ancestors 'none'",
            "X-Frame-Options",
            "DENY"));
  }

  private static HttpPage load(String name, String type) {
    try (InputStream in = DashboardAssets.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard asset missing from the jar: " + name);
      }
      return HttpPage.ok(type, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
