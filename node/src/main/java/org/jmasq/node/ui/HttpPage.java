package org.jmasq.node.ui;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a plain HTTP GET on the UI port: a status, a content type, the body, and any
 * headers of its own.
 *
 * @param body the bytes sent; not copied
 * @param headers headers beside the content type, length and caching ones every answer has
 */
public record HttpPage(
    HttpResponseStatus status, String contentType, byte[] body, Map<String, String> headers) {
  public HttpPage {
    if (status == null || contentType == null || body == null || headers == null) {
      throw new IllegalArgumentException("status, contentType, body and headers are required");
    }
    headers = Map.copyOf(headers);
  }

  public HttpPage(HttpResponseStatus status, String contentType, byte[] body) {
    this(status, contentType, body, Map.of());
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

  /** This page with {@code more} headers. */
  public HttpPage with(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new HttpPage(status, contentType, body, all);
  }
}
