package io.r2orm.examples.store.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.ObjectMapper;

/**
 * Gives the 414 and 431 that Netty sends for a request line or headers over its limits ({@code
 * server.netty.max-initial-line-length}, {@code server.max-http-request-header-size}) the API's
 * JSON error body; Netty sends them empty, before the application sees the request. One handler per
 * connection that looks only at responses already on their way out: nothing runs per request.
 */
@Component
public class DecodingErrorBodies implements NettyServerCustomizer {
  private final ObjectMapper json;

  public DecodingErrorBodies(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public HttpServer apply(HttpServer server) {
    return server.doOnChannelInit(
        (observer, channel, remote) ->
            channel.pipeline().addLast("musicStore.decodingErrorBodies", new Handler(json)));
  }

  /** Fills the body of an empty 414 or 431. */
  static final class Handler extends ChannelDuplexHandler {
    private final ObjectMapper json;

    Handler(ObjectMapper json) {
      this.json = json;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof FullHttpResponse response
          && response.content().readableBytes() == 0
          && (response.status().equals(HttpResponseStatus.REQUEST_URI_TOO_LONG)
              || response.status().equals(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE))) {
        boolean line = response.status().equals(HttpResponseStatus.REQUEST_URI_TOO_LONG);
        ApiError error =
            new ApiError(
                response.status().code(),
                response.status().reasonPhrase(),
                line
                    ? "The request line is longer than the server accepts; shorten the path and"
                        + " query string"
                    : "The request's headers are larger than the server accepts; send fewer or"
                        + " shorter headers",
                "(not read: the request was too large)");
        byte[] body = json.writeValueAsBytes(error);
        FullHttpResponse filled = response.replace(Unpooled.wrappedBuffer(body));
        response.release();
        filled
            .headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.write(filled, promise);
        return;
      }
      ctx.write(msg, promise);
    }
  }
}
