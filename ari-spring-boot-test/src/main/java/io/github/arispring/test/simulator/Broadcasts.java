package io.github.arispring.test.simulator;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;

import io.github.arispring.event.CallBroadcast;
import io.github.arispring.event.CallClaimed;

/**
 * The dialplan's {@code StasisBroadcast(timeout,app_filter,args,notify_claimed)} and
 * {@code POST /events/claim}, as {@code app_stasis_broadcast} and {@code res_stasis_broadcast}
 * behave: every registered application whose name the filter matches gets {@code CallBroadcast};
 * the first claim wins (204), {@code CallClaimed} goes to the matching applications if asked for,
 * and the winner gets {@code StasisStart} with the arguments. Later claims get 409 while the
 * winner's Stasis session lasts, 404 after it, after the time-out and for a channel that was never
 * broadcast. Without a claim in time the channel goes on in the dialplan with
 * {@code STASISSTATUS=TIMEOUT}.
 */
final class Broadcasts {

	static final String APPLICATION = "StasisBroadcast";

	private final SimulatorState state;

	/** The broadcasts under way or won and not yet over, by channel id. */
	private final Map<String, Broadcast> broadcasts = new HashMap<>();

	Broadcasts(SimulatorState state) {
		this.state = state;
	}

	/** Under the lock: forgets every broadcast, without events. */
	void reset() {
		this.broadcasts.values().forEach((broadcast) -> SimulatorState.cancelTimer(broadcast.timer));
		this.broadcasts.clear();
	}

	/** An incoming call that runs {@code StasisBroadcast()} from the dialplan. */
	SimChannel incomingCall(String endpoint, String callerName, String callerNumber, String context,
			String extension, Duration timeout, @Nullable String appFilter, List<String> args, boolean notifyClaimed) {
		Pattern filter = compile(appFilter);
		return this.state.locked(() -> {
			Channels channels = this.state.channels;
			SimChannel channel = channels.newChannel(null,
					endpoint + "-" + channels.nextSuffix(Strings.before(endpoint, '/')), false, false, "Ring");
			channel.caller = SimChannel.callerId(callerName, callerNumber);
			channel.context = context;
			channel.exten = extension;
			channel.appName = APPLICATION;
			channel.appData = String.join(",", String.valueOf(timeout.toMillis()), (appFilter != null) ? appFilter : "",
					String.join(":", args), notifyClaimed ? "yes" : "no");
			channels.announceCreated(channel);
			channels.setVariable(channel, "STASISSTATUS", "");
			Broadcast broadcast = new Broadcast(channel, filter, List.copyOf(args), notifyClaimed);
			this.broadcasts.put(channel.id, broadcast);
			List<String> matching = matching(filter);
			this.state.deliverTo(new CallBroadcast("CallBroadcast", this.state.now(), channel.snapshot(),
					channel.caller.number(), channel.exten, this.state.id(), null, null), matching);
			broadcast.timer = this.state.later(timeout, () -> timedOut(broadcast));
			return channel;
		});
	}

	/** {@code POST /events/claim}. */
	void claim(@Nullable String channelId, @Nullable String application) {
		if (Strings.isEmpty(channelId)) {
			throw AriError.badRequest("channelId parameter is required");
		}
		if (Strings.isEmpty(application)) {
			throw AriError.badRequest("application parameter is required");
		}
		this.state.locked(() -> {
			Broadcast broadcast = this.broadcasts.get(channelId);
			SimChannel channel = (broadcast != null) ? broadcast.channel : null;
			if (broadcast != null && broadcast.winner != null && (channel.stasisApp == null || channel.destroyed)) {
				// The winner's Stasis session is over: the broadcast is cleaned up.
				this.broadcasts.remove(channelId);
				broadcast = null;
			}
			if (broadcast == null || broadcast.finished || channel.hangingUp) {
				throw AriError.notFound("Channel not found or not in broadcast state");
			}
			if (broadcast.winner != null) {
				throw AriError.conflict("Channel has already been claimed by another application");
			}
			won(broadcast, application);
		});
	}

	private void won(Broadcast broadcast, String application) {
		broadcast.winner = application;
		SimChannel channel = broadcast.channel;
		channel.broadcastWinner = application;
		if (broadcast.notifyClaimed) {
			this.state.deliverTo(new CallClaimed("CallClaimed", this.state.now(), channel.snapshot(), application,
					this.state.id(), null, null), matching(broadcast.filter));
		}
		if (!this.state.sockets.isRegistered(application)) {
			// stasis_app_exec fails for an application nobody registered.
			this.broadcasts.remove(channel.id);
			this.state.channels.setVariable(channel, "STASISSTATUS", "FAILED");
			return;
		}
		this.state.channels.enterStasis(channel, application, broadcast.args, false);
	}

	private void timedOut(Broadcast broadcast) {
		if (broadcast.winner != null) {
			if (broadcast.channel.stasisApp == null) {
				this.broadcasts.remove(broadcast.channel.id, broadcast);
			}
			return;
		}
		broadcast.finished = true;
		this.broadcasts.remove(broadcast.channel.id, broadcast);
		if (!broadcast.channel.hangingUp) {
			this.state.channels.setVariable(broadcast.channel, "STASISSTATUS", "TIMEOUT");
		}
	}

	/** Whether any registered application matches a filter, for waiting until one does. */
	boolean anyMatching(@Nullable String appFilter) {
		Pattern filter = compile(appFilter);
		return this.state.read(() -> !matching(filter).isEmpty());
	}

	private List<String> matching(@Nullable Pattern filter) {
		return this.state.sockets.registeredApplications()
			.stream()
			.filter((application) -> filter == null || filter.matcher(application).find())
			.toList();
	}

	private static @Nullable Pattern compile(@Nullable String appFilter) {
		if (Strings.isEmpty(appFilter)) {
			return null;
		}
		try {
			return Pattern.compile(appFilter);
		}
		catch (PatternSyntaxException ex) {
			throw new IllegalArgumentException("StasisBroadcast's app_filter '" + appFilter
					+ "' is not a regular expression: " + ex.getDescription(), ex);
		}
	}

	private static final class Broadcast {

		final SimChannel channel;

		final @Nullable Pattern filter;

		final List<String> args;

		final boolean notifyClaimed;

		@Nullable String winner;

		boolean finished;

		@Nullable Disposable timer;

		Broadcast(SimChannel channel, @Nullable Pattern filter, List<String> args, boolean notifyClaimed) {
			this.channel = channel;
			this.filter = filter;
			this.args = args;
			this.notifyClaimed = notifyClaimed;
		}

	}

}
