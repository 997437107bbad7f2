package io.github.arispring.listener;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Sinks;

import io.github.arispring.client.AriErrorMessages;

/**
 * Checks the answer to one WebSocket upgrade before Reactor Netty sees it, as Netty's own
 * handshaker would (status 101, {@code Upgrade}, {@code Connection}, the accept key) and for
 * the subprotocol. Reactor Netty logs every handshake it fails itself with a stack trace and
 * then again as the connection closes; here a refused upgrade, a connection closed or failed
 * before the answer, or no answer in time ends the attempt through {@code refusal} instead,
 * and nothing reaches Reactor Netty once it has, nor once the attempt was cancelled (closed
 * from this side). After a good answer it leaves the pipeline.
 */
final class WebSocketUpgradeCheck extends ChannelDuplexHandler {

	private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

	private final String protocol;

	private final Duration timeout;

	private final Sinks.One<Void> refusal;

	private @Nullable String key;

	/** Failed, or closed from this side: nothing more to report. */
	private boolean done;

	private @Nullable ScheduledFuture<?> timer;

	/**
	 * Creates a check for one connection.
	 * @param protocol the subprotocol asked for
	 * @param timeout how long to wait for the answer once connected
	 * @param refusal signals the error that ends the attempt
	 */
	WebSocketUpgradeCheck(String protocol, Duration timeout, Sinks.One<Void> refusal) {
		this.protocol = protocol;
		this.timeout = timeout;
		this.refusal = refusal;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		this.timer = ctx.executor()
			.schedule(() -> fail(ctx, new TimeoutException("Asterisk did not answer the WebSocket upgrade within "
					+ this.timeout.toMillis() + " ms (ari.response-timeout)")), this.timeout.toMillis(),
					TimeUnit.MILLISECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpRequest request && this.key == null) {
			this.key = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_KEY);
		}
		ctx.write(msg, promise);
	}

	@Override
	public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
		this.done = true;
		cancelTimer();
		ctx.close(promise);
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (this.done) {
			ReferenceCountUtil.release(msg);
			return;
		}
		if (!(msg instanceof HttpResponse response)) {
			ctx.fireChannelRead(msg);
			return;
		}
		WebSocketUpgradeException refused = check(response);
		if (refused != null) {
			ReferenceCountUtil.release(msg);
			fail(ctx, refused);
			return;
		}
		cancelTimer();
		ctx.fireChannelRead(msg);
		if (ctx.pipeline().context(this) != null) {
			ctx.pipeline().remove(this);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (!this.done) {
			fail(ctx, cause);
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		if (!this.done) {
			fail(ctx, new WebSocketUpgradeException(0,
					"the connection closed before Asterisk answered the WebSocket upgrade"));
		}
	}

	private void fail(ChannelHandlerContext ctx, Throwable error) {
		if (this.done) {
			return;
		}
		this.done = true;
		cancelTimer();
		ctx.close();
		this.refusal.tryEmitError(error);
	}

	private void cancelTimer() {
		ScheduledFuture<?> timer = this.timer;
		if (timer != null) {
			timer.cancel(false);
			this.timer = null;
		}
	}

	private @Nullable WebSocketUpgradeException check(HttpResponse response) {
		HttpResponseStatus status = response.status();
		HttpHeaders headers = response.headers();
		if (status.code() != HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
			return WebSocketUpgradeException.refused(status.code(), status.reasonPhrase(), message(response));
		}
		String accepted = headers.get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
		accepted = (accepted != null) ? accepted.strip() : null;
		if (!this.protocol.equals(accepted)) {
			return WebSocketUpgradeException.refused(status.code(), status.reasonPhrase(), "without the '"
					+ this.protocol + "' subprotocol; Sec-WebSocket-Protocol: " + ((accepted != null) ? accepted : "none"));
		}
		if (!HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(headers.get(HttpHeaderNames.UPGRADE))
				|| !headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true)) {
			return WebSocketUpgradeException.refused(status.code(), status.reasonPhrase(),
					"without Upgrade: websocket and Connection: Upgrade");
		}
		String key = this.key;
		if (key != null && !acceptFor(key).equals(headers.get(HttpHeaderNames.SEC_WEBSOCKET_ACCEPT))) {
			return WebSocketUpgradeException.refused(status.code(), status.reasonPhrase(),
					"with a Sec-WebSocket-Accept that does not match the request's key");
		}
		return null;
	}

	private static @Nullable String message(HttpResponse response) {
		if (!(response instanceof FullHttpResponse full) || !full.content().isReadable()) {
			return null;
		}
		return AriErrorMessages.extract(full.content().toString(StandardCharsets.UTF_8),
				response.headers().get(HttpHeaderNames.CONTENT_TYPE));
	}

	static String acceptFor(String key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1")
				.digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
			return Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is required of every Java platform", ex);
		}
	}

}
