package io.github.arispring.sample;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import io.github.arispring.call.Call;
import io.github.arispring.call.CallEndedException;
import io.github.arispring.call.DigitOptions;
import io.github.arispring.call.Digits;
import io.github.arispring.call.StasisCall;
import io.github.arispring.client.ChannelOriginateWithIdParams;

/**
 * A small IVR, as one script per call: answers, plays a greeting, collects digits until
 * {@code #} and reads them back, or connects the caller to an operator when they press 0.
 * When the script returns, or the caller hangs up anywhere, the call, the operator's leg and
 * the bridge are cleaned up.
 */
@Component
public class Ivr {

	private static final Log logger = LogFactory.getLog(Ivr.class);

	static final String OPERATOR_ARG = "operator";

	private final IvrProperties properties;

	public Ivr(IvrProperties properties) {
		this.properties = properties;
	}

	@StasisCall
	void handle(Call call) {
		try {
			logger.info("Call " + call.id() + ": answering");
			call.answer();
			Digits first = call.collectDigits(DigitOptions.upTo(1), this.properties.getGreeting());
			if (first.value().equals("0")) {
				connectOperator(call);
			}
			else if (!first.isEmpty()) {
				Digits rest = call.collectDigits(DigitOptions.upTo(19));
				String digits = first.value() + rest.value();
				logger.info("Call " + call.id() + ": read back " + digits + ", hanging up");
				call.play("digits:" + digits);
			}
		}
		catch (CallEndedException ex) {
			logger.info("Call " + call.id() + " ended: " + ex.getReason());
			throw ex;
		}
	}

	private void connectOperator(Call call) {
		logger.info("Call " + call.id() + ": calling the operator at " + this.properties.getOperatorEndpoint());
		Call operator = call.dial(this.properties.getOperatorEndpoint(), Duration.ofSeconds(30),
				ChannelOriginateWithIdParams.builder()
					.appArgs(OPERATOR_ARG + "," + call.id())
					.callerId("IVR <" + call.id() + ">")
					.build());
		logger.info("Call " + call.id() + ": bridged with operator " + operator.id());
		call.bridgeWith(operator);
		logger.info("Call " + call.id() + ": the operator hung up");
	}

}
