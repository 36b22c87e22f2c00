package org.jmasq.node.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.jmasq.neighborhood.ConnectionStage;
import org.jmasq.node.runtime.SystemRuntime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The dashboard's page and assets, served by plain GET on the UI port beside the WebSocket. */
class DashboardAssetsTest {
  private final SystemRuntime runtime = new SystemRuntime();
  private final HttpClient http = HttpClient.newHttpClient();
  private UiGateway gateway;
  private int port;

  @BeforeEach
  void bind() throws Exception {
    // Not served yet: the page must load while the Node starts, to show its progress.
    gateway = UiGateway.bind(runtime, 0, ConnectionStage.NOT_CONNECTED);
    port = gateway.address().getPort();
  }

  @AfterEach
  void close() {
    gateway.close();
    runtime.close();
    http.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void the_page_is_served_at_the_root_while_the_node_starts() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.body()).contains("<script src=\"dashboard.js\"").doesNotContain("http");
  }

  @Test
  void the_page_may_connect_only_to_its_own_port_and_is_never_framed() throws Exception {
    HttpResponse<String> page = get("/");

    assertThat(page.headers().firstValue("content-security-policy"))
        .hasValueSatisfying(
            csp ->
                assertThat(csp)
                    .contains("default-src 'self'")
                    .contains("connect-src ws://127.0.0.1:" + port + " ws://localhost:" + port)
                    .contains("frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("x-frame-options")).hasValue("DENY");
  }

  @Test
  void the_script_and_style_are_served_and_nothing_else_is() throws Exception {
    assertThat(get("/dashboard.js").headers().firstValue("content-type"))
        .hasValue("text/javascript; charset=utf-8");
    assertThat(get("/dashboard.js").body()).contains("MASQNode-UIv2");
    assertThat(get("/dashboard.css").statusCode()).isEqualTo(200);
    assertThat(get("/../pom.xml").statusCode()).isEqualTo(404);
    assertThat(get("/org/jmasq/node/ui/UiGateway.class").statusCode()).isEqualTo(404);
  }

  @Test
  void the_page_asked_for_under_another_host_name_is_refused() throws Exception {
    // A site whose name resolves to 127.0.0.1 (DNS rebinding) must not read the page.
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: rebound.example:" + port + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      String status =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      assertThat(status).startsWith("HTTP/1.1 403");
    }
  }
}
