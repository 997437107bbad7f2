package io.github.arispring.listener;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import io.github.arispring.client.AriException;
import io.github.arispring.client.ReactiveChannelsApi;
import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;
import io.github.arispring.event.ChannelDestroyed;
import io.github.arispring.event.ChannelEvent;
import io.github.arispring.event.ChannelHangupRequest;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.model.Channel;
import io.github.arispring.model.DialplanCEP;

/**
 * An {@link AriEventErrorHandler} that does not leave a call up in silence when a handler
 * failed on one of its events: it hangs up the event's channel, or continues it in the
 * dialplan after its {@code Stasis()} application.
 * <p>
 * It acts only on a channel that is in the event's Stasis application, as the event's channel
 * shows (or, for playback and recording events, as Asterisk answers), never on a channel the
 * dialplan or another application has, which {@code subscribe-all} also reports; not on
 * events that mean the channel is leaving anyway ({@code StasisEnd},
 * {@code ChannelHangupRequest}, {@code ChannelDestroyed}); nothing for events without a
 * channel; and once per channel however many handlers fail. A channel that is already gone
 * is ignored quietly. Requests go to the Asterisk that sent the event, with its
 * {@linkplain AriEventSource#reactiveClient() reactive client}. It never blocks (the request
 * is sent without waiting for it) and never throws.
 */
public class ChannelReleasingErrorHandler implements AriEventErrorHandler {

	private static final Log logger = LogFactory.getLog(ChannelReleasingErrorHandler.class);

	private static final String STASIS = "Stasis";

	private static final int REMEMBERED_CHANNELS = 10_000;

	private final Action action;

	private final Map<String, Boolean> released = new LinkedHashMap<>() {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REMEMBERED_CHANNELS;
		}

	};

	/**
	 * Creates an error handler.
	 * @param action what to do with the channel
	 */
	public ChannelReleasingErrorHandler(Action action) {
		this.action = action;
	}

	/**
	 * What is done with the channel.
	 * @return the action
	 */
	public Action getAction() {
		return this.action;
	}

	/**
	 * Does nothing: without the event's source there is no client to reach its Asterisk.
	 * @param event the event being handled
	 * @param handler the name of the handler that failed
	 * @param error what it threw or signalled
	 */
	@Override
	public void handleError(AriEvent event, String handler, Throwable error) {
		if (logger.isDebugEnabled()) {
			logger.debug("No source for " + event.type() + AriEventDispatcher.describe(event)
					+ ": its channel is left as it is");
		}
	}

	@Override
	public void handleError(AriEvent event, AriEventSource source, String handler, Throwable error) {
		try {
			ReactiveChannelsApi channels = source.reactiveClient().channels();
			Mono<String> channel = channelInApplication(event, channels);
			if (channel != null) {
				channel.filter((id) -> firstTime(source.name() + "|" + id))
					.flatMap((id) -> release(channels, id).doOnNext((done) -> {
						if (done) {
							released(id, event, handler);
						}
					}))
					.subscribe(null, (ex) -> notReleased(event, handler, ex));
			}
		}
		catch (RuntimeException ex) {
			notReleased(event, handler, ex);
		}
	}

	private @Nullable Mono<String> channelInApplication(AriEvent event, ReactiveChannelsApi channels) {
		if (event instanceof StasisEnd || event instanceof ChannelHangupRequest || event instanceof ChannelDestroyed) {
			return null;
		}
		if (event instanceof ChannelEvent channelEvent) {
			Channel channel = channelEvent.channel();
			return (channel != null && channel.id() != null && inApplication(channel, event.application()))
					? Mono.just(channel.id()) : null;
		}
		String target = AriEventKeys.channelId(event);
		if (target == null) {
			return null;
		}
		// A playback or recording names its channel only: ask Asterisk where it is now.
		return channels.get(target)
			.filter((channel) -> inApplication(channel, event.application()))
			.map((channel) -> target)
			.onErrorResume(AriException.NotFound.class, (ex) -> Mono.empty());
	}

	private static boolean inApplication(Channel channel, @Nullable String application) {
		DialplanCEP dialplan = channel.dialplan();
		if (application == null || dialplan == null || !STASIS.equals(dialplan.appName())
				|| dialplan.appData() == null) {
			return false;
		}
		String data = dialplan.appData();
		int comma = data.indexOf(',');
		return application.equals((comma >= 0) ? data.substring(0, comma) : data);
	}

	private boolean firstTime(String channel) {
		synchronized (this.released) {
			return this.released.put(channel, Boolean.TRUE) == null;
		}
	}

	private Mono<Boolean> release(ReactiveChannelsApi channels, String channelId) {
		Mono<Void> request = (this.action == Action.HANGUP) ? channels.hangup(channelId)
				: channels.continueInDialplan(channelId);
		// gone already, or (409) out of Stasis already: nothing left to do
		return request.thenReturn(true)
			.onErrorResume((ex) -> ex instanceof AriException.NotFound || ex instanceof AriException.Conflict,
					(ex) -> Mono.just(false));
	}

	private void released(String channelId, AriEvent event, String handler) {
		if (logger.isInfoEnabled()) {
			logger.info(((this.action == Action.HANGUP) ? "Hung up channel " + channelId
					: "Continued channel " + channelId + " in the dialplan") + " because ARI event handler " + handler
					+ " failed on " + event.type());
		}
	}

	private void notReleased(AriEvent event, String handler, Throwable ex) {
		logger.warn("Could not " + ((this.action == Action.HANGUP) ? "hang up" : "continue in the dialplan")
				+ " the channel of " + event.type() + AriEventDispatcher.describe(event) + " after ARI event handler "
				+ handler + " failed: " + ((ex.getMessage() != null) ? ex.getMessage() : ex));
	}

	/**
	 * What is done with a channel whose handler failed.
	 */
	public enum Action {

		/** Hang the channel up ({@code DELETE /channels/{channelId}}). */
		HANGUP,

		/**
		 * Continue the channel in the dialplan after its {@code Stasis()} application
		 * ({@code POST /channels/{channelId}/continue}).
		 */
		CONTINUE

	}

}
