package io.github.arispring.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.github.arispring.event.AriEvent;
import io.github.arispring.event.AriEventKeys;

/**
 * The recorded flows, copied with their own channel, bridge and playback ids until about the
 * wanted number of channels exists, interleaved frame by frame (copy 0's frame i, copy 1's
 * frame i, ...), as a server would send many calls at once. Each frame ends with two extra
 * fields that the events keep as additional properties: {@code x_seq}, its position in the
 * stream, and {@code x_sent}, a fixed-width placeholder the paced sender overwrites with the
 * send time. The whole stream is pre-encoded as WebSocket wire bytes.
 */
final class EventStream {

	static final int SENT_DIGITS = 19;

	private static final String SENT_PLACEHOLDER = "0".repeat(SENT_DIGITS);

	/** Largest write of the burst sender, made of whole frames. */
	private static final int CHUNK = 256 * 1024;

	final List<String> texts;

	final String[] types;

	final String[][] keys;

	final Map<String, int[]> sequences;

	final Set<String> applications;

	final int channels;

	final int bridges;

	final int copies;

	final byte[] wire;

	final int[] wireOffset;

	final int[] sentOffset;

	final int[] chunkStart;

	/** The wire bytes, for slicing without copies. */
	final ByteBuf wireBuffer;

	private EventStream(int copies, List<String> texts, int channels, int bridges) {
		this.copies = copies;
		this.texts = texts;
		this.channels = channels;
		this.bridges = bridges;
		int size = texts.size();
		this.types = new String[size];
		this.keys = new String[size][];
		this.applications = new LinkedHashSet<>();
		Map<String, List<Integer>> byKey = new HashMap<>();
		JsonMapper mapper = JsonMapper.builder().build();
		ByteArrayOutputStream out = new ByteArrayOutputStream(size * 600);
		this.wireOffset = new int[size + 1];
		this.sentOffset = new int[size];
		List<Integer> chunks = new ArrayList<>();
		chunks.add(0);
		for (int seq = 0; seq < size; seq++) {
			String text = texts.get(seq);
			AriEvent event = mapper.readValue(text, AriEvent.class);
			this.types[seq] = event.type();
			this.keys[seq] = AriEventKeys.orderingKeys(event).toArray(String[]::new);
			for (String key : this.keys[seq]) {
				byKey.computeIfAbsent(key, (k) -> new ArrayList<>()).add(seq);
			}
			if (event.application() != null) {
				this.applications.add(event.application());
			}
			byte[] payload = text.getBytes(StandardCharsets.UTF_8);
			int header = writeHeader(out, payload.length);
			this.wireOffset[seq] = out.size() - header;
			this.sentOffset[seq] = this.wireOffset[seq] + header + payload.length - SENT_DIGITS - 2;
			out.write(payload, 0, payload.length);
			this.wireOffset[seq + 1] = out.size();
			if (this.wireOffset[seq + 1] - this.wireOffset[chunks.get(chunks.size() - 1)] > CHUNK) {
				chunks.add(seq);
			}
		}
		chunks.add(size);
		this.chunkStart = chunks.stream().mapToInt(Integer::intValue).distinct().toArray();
		this.wire = out.toByteArray();
		this.wireBuffer = Unpooled.unreleasableBuffer(Unpooled.directBuffer(this.wire.length).writeBytes(this.wire));
		this.sequences = new HashMap<>();
		byKey.forEach((key, seqs) -> this.sequences.put(key, seqs.stream().mapToInt(Integer::intValue).toArray()));
	}

	/**
	 * Builds the stream.
	 * @param wantedChannels the number of distinct channels wanted, at least
	 * @return the stream
	 */
	static EventStream build(int wantedChannels) {
		List<String> base = Samples.allFlows();
		Renamer renamer = new Renamer(base);
		int copies = Math.max(1, (wantedChannels + renamer.channelIds.size() - 1) / renamer.channelIds.size());
		List<String> texts = new ArrayList<>(base.size() * copies);
		for (int i = 0; i < base.size(); i++) {
			for (int copy = 0; copy < copies; copy++) {
				String text = renamer.rename(i, "-c" + copy);
				int seq = texts.size();
				text = text.substring(0, text.lastIndexOf('}')) + ",\"x_seq\":" + seq + ",\"x_sent\":\"" + SENT_PLACEHOLDER
						+ "\"}";
				texts.add(text);
			}
		}
		return new EventStream(copies, texts, renamer.channelIds.size() * copies, renamer.bridgeIds.size() * copies);
	}

	/**
	 * Gives the channels, bridges and playbacks of recorded frames other ids, consistently
	 * across the frames (objects, arrays of ids, {@code channel:}/{@code bridge:} URIs).
	 */
	static final class Renamer {

		private final List<String> frames;

		final Set<String> channelIds = new LinkedHashSet<>();

		final Set<String> bridgeIds = new LinkedHashSet<>();

		private final List<List<String>> idsOf = new ArrayList<>();

		Renamer(List<String> frames) {
			this.frames = frames;
			JsonMapper mapper = JsonMapper.builder().build();
			Set<String> otherIds = new LinkedHashSet<>();
			for (String frame : frames) {
				collectIds(mapper.readTree(frame), this.channelIds, this.bridgeIds, otherIds);
			}
			List<String> ids = new ArrayList<>();
			ids.addAll(this.channelIds);
			ids.addAll(this.bridgeIds);
			ids.addAll(otherIds);
			for (String frame : frames) {
				List<String> present = new ArrayList<>();
				for (String id : ids) {
					if (frame.contains("\"" + id + "\"") || frame.contains(":" + id + "\"")) {
						present.add(id);
					}
				}
				this.idsOf.add(present);
			}
		}

		/** Frame {@code index} with every id it mentions suffixed. */
		String rename(int index, String suffix) {
			String text = this.frames.get(index);
			for (String id : this.idsOf.get(index)) {
				String renamed = id + suffix;
				text = text.replace("\"" + id + "\"", "\"" + renamed + "\"").replace(":" + id + "\"", ":" + renamed + "\"");
			}
			return text;
		}

	}

	private static void collectIds(JsonNode node, Set<String> channels, Set<String> bridges, Set<String> others) {
		if (node.isObject()) {
			JsonNode id = node.get("id");
			if (id != null && id.isString() && !id.asString().isEmpty()) {
				if (node.has("bridge_type")) {
					bridges.add(id.asString());
				}
				else if (node.has("state") && node.has("caller")) {
					channels.add(id.asString());
				}
				else {
					others.add(id.asString());
				}
			}
			for (JsonNode child : node.values()) {
				collectIds(child, channels, bridges, others);
			}
		}
		else if (node.isArray()) {
			for (JsonNode child : node.values()) {
				collectIds(child, channels, bridges, others);
			}
		}
	}

	/** Writes a server-to-client (unmasked) text frame header. */
	private static int writeHeader(ByteArrayOutputStream out, int length) {
		out.write(0x81);
		if (length < 126) {
			out.write(length);
			return 2;
		}
		if (length < 65536) {
			out.write(126);
			out.write(length >>> 8);
			out.write(length & 0xff);
			return 4;
		}
		out.write(127);
		for (int shift = 56; shift >= 0; shift -= 8) {
			out.write((int) ((long) length >>> shift) & 0xff);
		}
		return 10;
	}

	int size() {
		return this.texts.size();
	}

	long payloadBytes() {
		long total = 0;
		for (String text : this.texts) {
			total += text.getBytes(StandardCharsets.UTF_8).length;
		}
		return total;
	}

	/** Frames of copy 0 only: one pass over every recorded flow. */
	List<byte[]> oneCopy() {
		List<byte[]> result = new ArrayList<>();
		for (int seq = 0; seq < size(); seq += this.copies) {
			result.add(this.texts.get(seq).getBytes(StandardCharsets.UTF_8));
		}
		return result;
	}

}
