package org.jmasq.node.ui;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The answer to a plain HTTP GET on the UI port: a status, a content type and the body.
 *
 * @param body the bytes sent; not copied
 */
public record HttpPage(HttpResponseStatus status, String contentType, byte[] body) {
  public HttpPage {
    if (status == null || contentType == null || body == null) {
      throw new IllegalArgumentException("status, contentType and body are required");
    }
  }

  /** Answers one GET of a path; run on an I/O thread of the runtime, so it may read a database. */
  @FunctionalInterface
  public interface Responder {
    HttpPage get();
  }

  /** 200 with {@code body}. */
  public static HttpPage ok(String contentType, byte[] body) {
    return new HttpPage(HttpResponseStatus.OK, contentType, body);
  }

  /** A status with a line of plain text that says why. */
  public static HttpPage text(HttpResponseStatus status, String line) {
    return new HttpPage(
        status, "text/plain; charset=utf-8", (line + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
