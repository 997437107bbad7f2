package io.github.arispring.event;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.annotation.JsonSerialize;

import io.github.arispring.model.AriDateTime;

/**
 * A message whose {@code type} this version of the API does not declare, as a newer Asterisk
 * may send. Every field is kept: the common ones as components, the rest in
 * {@link #additionalProperties()}.
 *
 * @param type the message type
 * @param timestamp when Asterisk raised it, if it says
 * @param asteriskId the Asterisk entity id, if it says
 * @param application the application, if it says
 * @param additionalProperties every other field (Jackson 3.1 fills a creator any-setter in
 *     reverse order, jackson-databind#5353, so the order received is not kept)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UnknownEvent(@JsonProperty("type") String type,
		@JsonProperty("timestamp") @JsonSerialize(using = AriDateTime.Serializer.class) @JsonDeserialize(using = AriDateTime.Deserializer.class) OffsetDateTime timestamp,
		@JsonProperty("asterisk_id") String asteriskId, @JsonProperty("application") String application,
		@JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties) implements AriEvent {

	/**
	 * Canonical constructor; a {@code null} map of additional properties becomes an empty one.
	 * @param type see {@link #type()}
	 * @param timestamp see {@link #timestamp()}
	 * @param asteriskId see {@link #asteriskId()}
	 * @param application see {@link #application()}
	 * @param additionalProperties see {@link #additionalProperties()}
	 */
	public UnknownEvent {
		additionalProperties = (additionalProperties != null) ? additionalProperties : new LinkedHashMap<>();
	}

}
