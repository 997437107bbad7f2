package io.github.arispring.test.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Asterisk's {@code sessionlimit} ({@code http.conf}): counts the open HTTP connections,
 * WebSockets included, and closes a new connection beyond the limit before reading from it,
 * as Asterisk does ("HTTP session count exceeded 100 sessions."). Keeps the peak for tests.
 */
final class HttpSessions {

	private static final Log logger = LogFactory.getLog(AriSimulator.class);

	private final int limit;

	private final AtomicInteger open = new AtomicInteger();

	private final AtomicInteger peak = new AtomicInteger();

	private final AtomicLong refused = new AtomicLong();

	HttpSessions(int limit) {
		this.limit = limit;
	}

	/** Adds the counting handler to a new connection's pipeline. */
	void attach(Channel channel) {
		channel.pipeline().addFirst("ariSimulatorSessionLimit", new Session());
	}

	int limit() {
		return this.limit;
	}

	int open() {
		return this.open.get();
	}

	int peak() {
		return this.peak.get();
	}

	long refused() {
		return this.refused.get();
	}

	void resetPeak() {
		this.peak.set(this.open.get());
	}

	/** One connection; counted from activation to close unless it was refused. */
	private final class Session extends ChannelInboundHandlerAdapter {

		private boolean counted;

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			int sessions = HttpSessions.this.open.incrementAndGet();
			if (sessions > HttpSessions.this.limit) {
				HttpSessions.this.open.decrementAndGet();
				if (HttpSessions.this.refused.getAndIncrement() == 0) {
					logger.warn("ARI simulator: HTTP session count exceeded " + HttpSessions.this.limit
							+ " sessions; closing new connections while it is (counted in refusedConnections())");
				}
				ctx.close();
				return;
			}
			this.counted = true;
			HttpSessions.this.peak.accumulateAndGet(sessions, Math::max);
			ctx.fireChannelActive();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			// A refused connection was never active for the HTTP server either.
			if (this.counted) {
				this.counted = false;
				HttpSessions.this.open.decrementAndGet();
				ctx.fireChannelInactive();
			}
		}

	}

}
