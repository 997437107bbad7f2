package io.github.arispring.sample;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import io.github.arispring.annotation.StasisEventHandler;
import io.github.arispring.client.AriClient;
import io.github.arispring.client.AriException;
import io.github.arispring.client.BridgeCreateParams;
import io.github.arispring.client.ChannelOriginateParams;
import io.github.arispring.client.ChannelPlayParams;
import io.github.arispring.event.ChannelDtmfReceived;
import io.github.arispring.event.ChannelHangupRequest;
import io.github.arispring.event.PlaybackFinished;
import io.github.arispring.event.StasisEnd;
import io.github.arispring.event.StasisStart;
import io.github.arispring.model.Bridge;

/**
 * A small IVR: answers, plays a greeting, collects digits until {@code #} and reads them
 * back, or connects the caller to an operator through a mixing bridge when they press 0,
 * then hangs up. Handlers of one channel run one after another, so per-call state needs no
 * locking; different calls run in parallel.
 */
@Component
public class Ivr {

	private static final Log logger = LogFactory.getLog(Ivr.class);

	static final String OPERATOR_ARG = "operator";

	private final Map<String, Call> calls = new ConcurrentHashMap<>();

	private final AriClient ari;

	private final IvrProperties properties;

	public Ivr(AriClient ari, IvrProperties properties) {
		this.ari = ari;
		this.properties = properties;
	}

	@StasisEventHandler
	void onStart(StasisStart event, String application) {
		String channel = event.channel().id();
		List<String> args = event.args();
		if (args != null && args.size() == 2 && OPERATOR_ARG.equals(args.get(0))) {
			connectOperator(channel, args.get(1));
			return;
		}
		logger.info("Call " + channel + " from " + event.channel().caller().number() + ": answering");
		this.calls.put(channel, new Call(channel, application));
		try {
			this.ari.channels().answer(channel);
		}
		catch (AriException.NotFound ex) {
			logger.info("Call " + channel + " hung up before it was answered");
			return;
		}
		play(channel, this.properties.getGreeting(), "greeting");
	}

	@StasisEventHandler
	void onDigit(ChannelDtmfReceived event) {
		Call call = this.calls.get(event.channel().id());
		if (call == null || call.operatorRequested) {
			return;
		}
		String digit = event.digit();
		logger.info("Call " + call.channel + " pressed " + digit);
		if ("0".equals(digit) && call.digits.isEmpty()) {
			callOperator(call);
		}
		else if ("#".equals(digit)) {
			String collected = call.digits.toString();
			call.digits.setLength(0);
			if (collected.isEmpty()) {
				hangUp(call.channel);
			}
			else {
				call.readingBack = true;
				play(call.channel, "digits:" + collected, "readback");
			}
		}
		else {
			call.digits.append(digit);
		}
	}

	@StasisEventHandler
	void onPlaybackFinished(PlaybackFinished event) {
		String target = event.playback().targetUri();
		if (target == null || !target.startsWith("channel:")) {
			return;
		}
		Call call = this.calls.get(target.substring("channel:".length()));
		if (call != null && call.readingBack && event.playback().mediaUri().startsWith("digits:")) {
			logger.info("Call " + call.channel + ": read back " + event.playback().mediaUri() + ", hanging up");
			hangUp(call.channel);
		}
	}

	@StasisEventHandler
	void onHangupRequest(ChannelHangupRequest event) {
		Call call = this.calls.get(event.channel().id());
		if (call != null && call.peer != null) {
			hangUp(call.peer);
		}
	}

	@StasisEventHandler
	void onEnd(StasisEnd event) {
		String channel = event.channel().id();
		Call call = this.calls.remove(channel);
		if (call == null) {
			return;
		}
		logger.info("Call " + channel + " ended");
		if (call.peer != null) {
			hangUp(call.peer);
		}
		if (call.bridge != null) {
			try {
				this.ari.bridges().destroy(call.bridge);
			}
			catch (AriException.NotFound ex) {
				// already gone with the other party
			}
		}
	}

	/**
	 * Calls the IVR is handling, operators included.
	 * @return the number of calls
	 */
	int activeCalls() {
		return this.calls.size();
	}

	private void callOperator(Call call) {
		logger.info("Call " + call.channel + ": calling the operator at " + this.properties.getOperatorEndpoint());
		call.operatorRequested = true;
		this.ari.channels()
			.originate(this.properties.getOperatorEndpoint(), ChannelOriginateParams.builder()
				.app(call.application)
				.appArgs(OPERATOR_ARG + "," + call.channel)
				.callerId("IVR <" + call.channel + ">")
				.build());
	}

	private void connectOperator(String operatorChannel, String callerChannel) {
		Call call = this.calls.get(callerChannel);
		if (call == null) {
			logger.info("Operator " + operatorChannel + " answered after the caller left: hanging up");
			hangUp(operatorChannel);
			return;
		}
		Bridge bridge = this.ari.bridges()
			.create(BridgeCreateParams.builder().type("mixing").name("ivr-" + callerChannel).build());
		Call operator = new Call(operatorChannel, call.application);
		operator.peer = callerChannel;
		operator.bridge = bridge.id();
		this.calls.put(operatorChannel, operator);
		try {
			this.ari.bridges().addChannel(bridge.id(), List.of(callerChannel, operatorChannel));
		}
		catch (AriException ex) {
			// the caller hung up meanwhile (their events run in parallel with the operator's)
			logger.info("Call " + callerChannel + " left before the operator joined: " + ex.asteriskMessage());
		}
		call.bridge = bridge.id();
		call.peer = operatorChannel;
		if (!this.calls.containsKey(callerChannel)) {
			hangUp(operatorChannel);
			return;
		}
		logger.info("Call " + callerChannel + " bridged with operator " + operatorChannel + " in bridge " + bridge.id());
	}

	private void play(String channel, String media, String what) {
		logger.info("Call " + channel + ": playing " + what + " " + media);
		try {
			this.ari.channels().play(channel, List.of(media), ChannelPlayParams.builder().lang("en").build());
		}
		catch (AriException.NotFound ex) {
			// the caller hung up meanwhile; StasisEnd follows and cleans up
			logger.info("Call " + channel + " is gone: not playing " + what);
		}
	}

	private void hangUp(String channel) {
		try {
			this.ari.channels().hangup(channel);
		}
		catch (AriException.NotFound ex) {
			// hung up already
		}
	}

	/** What the IVR knows about one call; touched only by that call's handlers. */
	private static final class Call {

		final String channel;

		final String application;

		final StringBuilder digits = new StringBuilder();

		volatile String peer;

		volatile String bridge;

		volatile boolean readingBack;

		volatile boolean operatorRequested;

		Call(String channel, String application) {
			this.channel = channel;
			this.application = application;
		}

	}

}
