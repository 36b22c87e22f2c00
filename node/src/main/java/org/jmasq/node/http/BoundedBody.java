package org.jmasq.node.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to {@code limit} bytes: a declared {@code Content-Length}
 * beyond it is refused before any byte is read, and a body that grows beyond it while it streams in
 * is cut off there (its subscription cancelled, which closes the connection), so a provider that
 * sends an endless or huge answer costs at most {@code limit} bytes of memory. The chain client
 * reads its providers' answers with it, automap its router's.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** The body was larger than the limit; the message says by how much it was known to be. */
  public static final class TooLarge extends IOException {
    TooLarge(String message) {
      super(message);
    }
  }

  private final int limit;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  private BoundedBody(int limit) {
    this.limit = limit;
  }

  /** A handler that reads each response's body with a limit of {@code limit} bytes. */
  public static HttpResponse.BodyHandler<byte[]> handler(int limit) {
    return info -> {
      BoundedBody subscriber = new BoundedBody(limit);
      long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > limit) {
        subscriber.body.completeExceptionally(
            new TooLarge("the answer declares " + declared + " bytes (limit: " + limit + ")"));
      }
      return subscriber;
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (body.isDone()) {
      s.cancel();
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (item.remaining() > limit - bytes.size()) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge("the answer is larger than " + limit + " bytes"));
        return;
      }
      byte[] chunk = new byte[item.remaining()];
      item.get(chunk);
      bytes.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(bytes.toByteArray());
  }
}
