package io.github.arispring.codegen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Generates the ARI models, events and HTTP interfaces from Asterisk's Swagger 1.x API
 * declarations ({@code resources.json} plus {@code api-docs/*.json}).
 * <p>
 * Usage (from the project root):
 * <pre>
 * mvn -B -q -f ari-codegen compile exec:java                     # ../shared/ari-api/23.4.1
 * mvn -B -q -f ari-codegen compile exec:java -Dexec.args="--spec DIR --out DIR"
 * ARI_PASSWORD=secret mvn -B -q -f ari-codegen compile exec:java \
 *     -Dexec.args="--url http://pbx:8088/ari --user asterisk"    # a live Asterisk
 * </pre>
 */
public final class AriCodeGenerator {

	static final String REGENERATE = "mvn -B -q -f ari-codegen compile exec:java";

	static final String PACKAGE = "io.github.arispring";

	static final String MODEL_PACKAGE = PACKAGE + ".model";

	static final String EVENT_PACKAGE = PACKAGE + ".event";

	static final String CLIENT_PACKAGE = PACKAGE + ".client";

	static final String AUTOCONFIGURE_PACKAGE = PACKAGE + ".autoconfigure";

	/** Event properties that identify the object an event is about, by shared interface. */
	private static final Map<String, String[]> SHARED_EVENT_INTERFACES = new LinkedHashMap<>();
	static {
		SHARED_EVENT_INTERFACES.put("ChannelEvent", new String[] { "channel", "Channel" });
		SHARED_EVENT_INTERFACES.put("BridgeEvent", new String[] { "bridge", "Bridge" });
		SHARED_EVENT_INTERFACES.put("PlaybackEvent", new String[] { "playback", "Playback" });
		SHARED_EVENT_INTERFACES.put("RecordingEvent", new String[] { "recording", "LiveRecording" });
		SHARED_EVENT_INTERFACES.put("EndpointEvent", new String[] { "endpoint", "Endpoint" });
	}

	/**
	 * Events whose channel is carried under another name: Dial's dialled channel is its
	 * {@code peer}.
	 */
	private static final Map<String, String> CHANNEL_ALIASES = Map.of("Dial", "peer");

	/**
	 * Properties whose declared type differs from what Asterisk sends: {@code Peer.port} is
	 * declared a string, but chan_iax2 peers arrive as {@code "port":4569}; SSRCs and octet
	 * counts are unsigned 32-bit values that overflow {@code int}.
	 */
	static final Map<String, String> WIRE_TYPES = Map.of("Peer.port", "int", "RTPstat.local_ssrc", "long",
			"RTPstat.remote_ssrc", "long", "RTPstat.txoctetcount", "long", "RTPstat.rxoctetcount", "long");

	/** Optional parameters from this count on go into a generated parameter object. */
	static final int PARAMETER_OBJECT_THRESHOLD = 3;

	private static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
			"catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
			"finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long",
			"native", "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
			"super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile",
			"while");

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final Map<String, JsonNode> declarations = new LinkedHashMap<>();

	private final Map<String, JsonNode> models = new LinkedHashMap<>();

	private final Map<String, String> modelPackages = new TreeMap<>();

	private final Map<String, String> files = new TreeMap<>();

	private String asteriskVersion = "unknown";

	private String apiVersion = "unknown";

	public static void main(String[] args) throws Exception {
		Path root = projectRoot();
		Path spec = root.resolve("../shared/ari-api/23.4.1").normalize();
		Path out = root.resolve("ari-spring-boot-autoconfigure/src/main/java");
		String url = null;
		String user = System.getenv("ARI_USERNAME");
		for (int i = 0; i < args.length; i++) {
			switch (args[i]) {
				case "--spec" -> spec = Path.of(args[++i]);
				case "--out" -> out = Path.of(args[++i]);
				case "--url" -> url = args[++i];
				case "--user" -> user = args[++i];
				default -> throw new IllegalArgumentException("Unknown argument " + args[i]
						+ "; use --spec DIR, --out DIR, or --url URL [--user NAME] with ARI_PASSWORD in the environment");
			}
		}
		AriCodeGenerator generator = new AriCodeGenerator();
		if (url != null) {
			spec = generator.download(url, user, System.getenv("ARI_PASSWORD"));
		}
		Map<String, String> sources = generator.generate(spec);
		write(sources, out);
		System.out.println("Generated " + sources.size() + " files from " + spec + " into " + out);
	}

	/** The project root: the nearest folder, from the working directory up, holding the autoconfigure module. */
	static Path projectRoot() {
		Path dir = Path.of("").toAbsolutePath();
		for (Path d = dir; d != null; d = d.getParent()) {
			if (Files.isDirectory(d.resolve("ari-spring-boot-autoconfigure"))) {
				return d;
			}
		}
		return dir;
	}

	/**
	 * Writes the sources under {@code out}, deleting previously generated files that are no
	 * longer produced.
	 */
	static void write(Map<String, String> sources, Path out) throws IOException {
		if (Files.isDirectory(out)) {
			try (Stream<Path> existing = Files.walk(out)) {
				for (Path file : existing.filter(Files::isRegularFile).toList()) {
					String relative = out.relativize(file).toString().replace('\\', '/');
					if (!sources.containsKey(relative) && isGenerated(file)) {
						Files.delete(file);
					}
				}
			}
		}
		for (Map.Entry<String, String> entry : sources.entrySet()) {
			Path file = out.resolve(entry.getKey());
			Files.createDirectories(file.getParent());
			Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
		}
	}

	static boolean isGenerated(Path file) {
		try {
			return Files.readString(file, StandardCharsets.UTF_8).contains("Generated by ari-codegen");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path download(String url, String user, String password) throws IOException, InterruptedException {
		String base = url.replaceAll("/+$", "");
		if (!base.endsWith("/ari")) {
			base = base + "/ari";
		}
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		Path dir = Files.createTempDirectory("ari-api");
		Files.createDirectories(dir.resolve("api-docs"));
		String resources = fetch(client, base + "/api-docs/resources.json", user, password);
		Files.writeString(dir.resolve("resources.json"), resources);
		for (JsonNode api : this.mapper.readTree(resources).path("apis")) {
			String path = api.path("path").asString().replace("{format}", "json");
			String name = path.substring(path.lastIndexOf('/') + 1);
			Files.writeString(dir.resolve("api-docs").resolve(name), fetch(client, base + path, user, password));
		}
		return dir;
	}

	private static String fetch(HttpClient client, String url, String user, String password)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
		if (user != null && password != null) {
			String token = Base64.getEncoder()
				.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
			request.header("Authorization", "Basic " + token);
		}
		HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IOException("GET " + url + " answered " + response.statusCode()
					+ (response.statusCode() == 401 ? ": check --user and ARI_PASSWORD" : ""));
		}
		return response.body();
	}

	/** Generates every source file from the declarations in {@code specDir}; keys are paths under the source root. */
	public Map<String, String> generate(Path specDir) throws IOException {
		JsonNode listing = this.mapper.readTree(specDir.resolve("resources.json").toFile());
		this.apiVersion = listing.path("apiVersion").asString();
		for (JsonNode api : listing.path("apis")) {
			String path = api.path("path").asString().replace("{format}", "json");
			String name = path.substring(path.lastIndexOf('/') + 1, path.length() - ".json".length());
			this.declarations.put(name, this.mapper.readTree(specDir.resolve("api-docs").resolve(name + ".json").toFile()));
		}
		if (specDir.getFileName() != null && specDir.getFileName().toString().matches("\\d+\\.\\d+\\.\\d+")) {
			this.asteriskVersion = specDir.getFileName().toString();
		}
		collectModels();
		generateModels();
		generateEvents();
		generateClients();
		return this.files;
	}

	// ------------------------------------------------------------------ models

	private void collectModels() {
		JsonNode events = this.declarations.get("events").path("models");
		Set<String> eventTypes = eventTypeNames();
		for (Map.Entry<String, JsonNode> declaration : this.declarations.entrySet()) {
			for (Map.Entry<String, JsonNode> model : declaration.getValue().path("models").properties()) {
				String name = model.getKey();
				JsonNode previous = this.models.putIfAbsent(name, model.getValue());
				if (previous != null && !previous.equals(model.getValue())) {
					throw new IllegalStateException("Model " + name + " is declared twice with different content");
				}
				boolean event = declaration.getKey().equals("events")
						&& (eventTypes.contains(name) || name.equals("Message") || name.equals("Event"));
				this.modelPackages.put(name, event ? EVENT_PACKAGE : MODEL_PACKAGE);
			}
		}
		if (events.isMissingNode()) {
			throw new IllegalStateException("events.json declares no models");
		}
	}

	/** Concrete message types: every subtype of Message, transitively, except the Event base. */
	private Set<String> eventTypeNames() {
		JsonNode events = this.declarations.get("events").path("models");
		Set<String> names = new TreeSet<>();
		List<String> pending = new ArrayList<>(List.of("Message"));
		while (!pending.isEmpty()) {
			String name = pending.remove(0);
			for (JsonNode sub : events.path(name).path("subTypes")) {
				pending.add(sub.asString());
			}
			if (!name.equals("Message") && !name.equals("Event")) {
				names.add(name);
			}
		}
		return names;
	}

	private void generateModels() {
		for (Map.Entry<String, JsonNode> model : this.models.entrySet()) {
			if (MODEL_PACKAGE.equals(this.modelPackages.get(model.getKey()))) {
				List<Property> properties = properties(model.getKey(), model.getValue());
				writeRecord(MODEL_PACKAGE, model.getKey(), model.getValue().path("description").asString(null),
						properties, List.of(), List.of(), "");
			}
		}
	}

	private List<Property> properties(String modelName, JsonNode model) {
		List<Property> properties = new ArrayList<>();
		for (Map.Entry<String, JsonNode> property : model.path("properties").properties()) {
			JsonNode p = property.getValue();
			String type = WIRE_TYPES.getOrDefault(modelName + "." + property.getKey(), p.path("type").asString());
			properties.add(new Property(property.getKey(), javaName(property.getKey()), type,
					p.path("required").asBoolean(false), p.path("description").asString(null),
					allowedValues(p.path("allowableValues"))));
		}
		return properties;
	}

	private static List<String> allowedValues(JsonNode allowable) {
		List<String> values = new ArrayList<>();
		if ("LIST".equals(allowable.path("valueType").asString(""))) {
			for (JsonNode value : allowable.path("values")) {
				values.add(value.asString());
			}
		}
		return values;
	}

	private void writeRecord(String pkg, String name, String description, List<Property> properties,
			List<String> interfaces, List<String> annotations, String body) {
		Imports imports = new Imports(pkg);
		imports.add("com.fasterxml.jackson.annotation.JsonAnyGetter");
		imports.add("com.fasterxml.jackson.annotation.JsonAnySetter");
		imports.add("com.fasterxml.jackson.annotation.JsonInclude");
		imports.add("com.fasterxml.jackson.annotation.JsonProperty");
		imports.add("com.fasterxml.jackson.annotation.JsonPropertyOrder");
		imports.add("java.util.Map");
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", description, properties.stream()
			.map((p) -> "@param " + p.javaName + " " + propertyDoc(p))
			.toList(), List.of("@param additionalProperties properties that this version of the API does not declare, "
					+ "kept so that nothing a newer Asterisk sends is lost")));
		for (String annotation : annotations) {
			out.append(annotation).append('\n');
		}
		out.append("@JsonInclude(JsonInclude.Include.NON_NULL)\n");
		out.append("@JsonPropertyOrder({ ")
			.append(properties.stream().map((p) -> quote(p.name)).collect(Collectors.joining(", ")))
			.append(" })\n");
		out.append("public record ").append(name).append("(");
		for (Property property : properties) {
			out.append("\n\t\t@JsonProperty(").append(quote(property.name)).append(") ");
			String type = javaType(property.type, imports);
			if (property.type.equals("Date")) {
				imports.add("tools.jackson.databind.annotation.JsonDeserialize");
				imports.add("tools.jackson.databind.annotation.JsonSerialize");
				imports.add(MODEL_PACKAGE + ".AriDateTime");
				out.append("@JsonSerialize(using = AriDateTime.Serializer.class) ")
					.append("@JsonDeserialize(using = AriDateTime.Deserializer.class) ");
			}
			out.append(type).append(' ').append(property.javaName).append(',');
		}
		out.append("\n\t\t@JsonAnySetter @JsonAnyGetter Map<String, Object> additionalProperties)");
		if (!interfaces.isEmpty()) {
			out.append(" implements ").append(String.join(", ", interfaces));
		}
		out.append(" {\n\n");
		out.append("\t/**\n\t * Canonical constructor; a {@code null} map of additional properties becomes an empty one.\n");
		for (Property property : properties) {
			out.append("\t * @param ").append(property.javaName).append(" see {@link #").append(property.javaName).append("()}\n");
		}
		out.append("\t * @param additionalProperties see {@link #additionalProperties()}\n\t */\n");
		out.append("\tpublic ").append(name).append(" {\n");
		imports.add("java.util.LinkedHashMap");
		out.append("\t\tadditionalProperties = (additionalProperties != null) ? additionalProperties : new LinkedHashMap<>();\n");
		out.append("\t}\n");
		out.append(body);
		out.append("\n}\n");
		put(pkg, name, imports, out.toString());
	}

	private String propertyDoc(Property property) {
		StringBuilder doc = new StringBuilder();
		doc.append(property.description != null ? escape(property.description) : "the " + property.name);
		if (!property.allowedValues.isEmpty()) {
			doc.append(" (one of: ")
				.append(property.allowedValues.stream().map(AriCodeGenerator::code).collect(Collectors.joining(", ")))
				.append(")");
		}
		if (!property.required) {
			doc.append(doc.toString().endsWith(".") ? " " : ". ").append("May be {@code null}.");
		}
		return doc.toString();
	}

	private String javaType(String type, Imports imports) {
		if (type.startsWith("List[")) {
			imports.add("java.util.List");
			return "List<" + javaType(type.substring(5, type.length() - 1), imports) + ">";
		}
		return switch (type) {
			case "string" -> "String";
			case "int" -> "Integer";
			case "long" -> "Long";
			case "double" -> "Double";
			case "boolean" -> "Boolean";
			case "Date" -> {
				imports.add("java.time.OffsetDateTime");
				yield "OffsetDateTime";
			}
			case "object" -> {
				imports.add("java.util.Map");
				yield "Map<String, Object>";
			}
			default -> {
				String pkg = this.modelPackages.get(type);
				if (pkg == null) {
					throw new IllegalStateException("Unknown type " + type);
				}
				imports.add(pkg + "." + type);
				yield type;
			}
		};
	}

	// ------------------------------------------------------------------ events

	private void generateEvents() {
		JsonNode eventModels = this.declarations.get("events").path("models");
		List<Property> messageProperties = properties("Message", eventModels.path("Message"));
		List<Property> eventProperties = properties("Event", eventModels.path("Event"));
		Set<String> appEvents = new TreeSet<>();
		for (JsonNode sub : eventModels.path("Event").path("subTypes")) {
			appEvents.add(sub.asString());
		}
		Set<String> types = eventTypeNames();
		Map<String, List<String>> sharedMembers = new LinkedHashMap<>();
		SHARED_EVENT_INTERFACES.keySet().forEach((i) -> sharedMembers.put(i, new ArrayList<>()));
		for (String type : types) {
			JsonNode model = eventModels.path(type);
			List<Property> own = properties(type, model);
			List<Property> all = new ArrayList<>();
			all.add(find(messageProperties, "type"));
			if (appEvents.contains(type)) {
				all.add(find(eventProperties, "timestamp"));
			}
			all.addAll(own);
			all.add(find(messageProperties, "asterisk_id"));
			if (appEvents.contains(type)) {
				all.add(find(eventProperties, "application"));
			}
			List<String> interfaces = new ArrayList<>();
			StringBuilder body = new StringBuilder();
			for (Map.Entry<String, String[]> shared : SHARED_EVENT_INTERFACES.entrySet()) {
				String property = shared.getValue()[0];
				String propertyType = shared.getValue()[1];
				boolean has = own.stream().anyMatch((p) -> p.name.equals(property) && p.type.equals(propertyType));
				if (!has && property.equals("channel") && CHANNEL_ALIASES.containsKey(type)) {
					String alias = javaName(CHANNEL_ALIASES.get(type));
					body.append("\n\t/**\n\t * The channel this event is about: the {@code ").append(CHANNEL_ALIASES.get(type))
						.append("}.\n\t * @return the ").append(alias).append("\n\t */\n\t@Override\n\tpublic Channel channel() {\n\t\treturn this.")
						.append(alias).append(";\n\t}\n");
					has = true;
				}
				if (has) {
					interfaces.add(shared.getKey());
					sharedMembers.get(shared.getKey()).add(type);
				}
			}
			if (interfaces.isEmpty()) {
				interfaces.add("AriEvent");
			}
			writeRecord(EVENT_PACKAGE, type, model.path("description").asString(null), all, interfaces, List.of(),
					body.toString());
		}
		writeAriEvent(types, sharedMembers);
		for (Map.Entry<String, List<String>> shared : sharedMembers.entrySet()) {
			writeSharedEventInterface(shared.getKey(), SHARED_EVENT_INTERFACES.get(shared.getKey()), shared.getValue());
		}
		writeEventTypes(types);
	}

	private static Property find(List<Property> properties, String name) {
		return properties.stream().filter((p) -> p.name.equals(name)).findFirst().orElseThrow();
	}

	private void writeAriEvent(Set<String> types, Map<String, List<String>> sharedMembers) {
		Imports imports = new Imports(EVENT_PACKAGE);
		imports.add("com.fasterxml.jackson.annotation.JsonSubTypes");
		imports.add("com.fasterxml.jackson.annotation.JsonTypeInfo");
		imports.add("java.time.OffsetDateTime");
		imports.add("java.util.Map");
		Set<String> inShared = new TreeSet<>();
		sharedMembers.values().forEach(inShared::addAll);
		List<String> permits = new ArrayList<>(sharedMembers.keySet());
		types.stream().filter((t) -> !inShared.contains(t)).forEach(permits::add);
		permits.add("UnknownEvent");
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", "A message Asterisk sends over the events WebSocket, polymorphic on its {@code type}. "
				+ "A type this version of the API does not declare becomes an {@link UnknownEvent}.", List.of(), List.of()));
		out.append("@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = \"type\",\n"
				+ "\t\tvisible = true, defaultImpl = UnknownEvent.class)\n");
		out.append("@JsonSubTypes({");
		for (String type : types) {
			out.append("\n\t\t@JsonSubTypes.Type(value = ").append(type).append(".class, name = ").append(quote(type)).append("),");
		}
		out.setLength(out.length() - 1);
		out.append(" })\n");
		out.append("public sealed interface AriEvent permits ").append(String.join(", ", permits)).append(" {\n\n");
		out.append("\t/**\n\t * The message type, such as {@code StasisStart}.\n\t * @return the type\n\t */\n\tString type();\n\n");
		out.append("\t/**\n\t * The unique ID of the Asterisk instance that raised this event.\n\t * @return the entity id, or {@code null}\n\t */\n\tString asteriskId();\n\n");
		out.append("\t/**\n\t * The Stasis application the event is delivered to.\n\t * @return the application name, or {@code null} for messages that are not application events\n\t */\n");
		out.append("\tdefault String application() {\n\t\treturn null;\n\t}\n\n");
		out.append("\t/**\n\t * When Asterisk raised the event.\n\t * @return the time stamp, or {@code null} for messages that are not application events\n\t */\n");
		out.append("\tdefault OffsetDateTime timestamp() {\n\t\treturn null;\n\t}\n\n");
		out.append("\t/**\n\t * Properties that this version of the API does not declare.\n\t * @return the additional properties, never {@code null}\n\t */\n");
		out.append("\tMap<String, Object> additionalProperties();\n\n}\n");
		put(EVENT_PACKAGE, "AriEvent", imports, out.toString());
	}

	private void writeSharedEventInterface(String name, String[] property, List<String> members) {
		Imports imports = new Imports(EVENT_PACKAGE);
		imports.add(MODEL_PACKAGE + "." + property[1]);
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", "An event about a {@link " + property[1] + "}: a handler that takes this type receives "
				+ String.join(", ", members) + ".", List.of(), List.of()));
		out.append("public sealed interface ").append(name).append(" extends AriEvent permits ")
			.append(String.join(", ", members)).append(" {\n\n");
		out.append("\t/**\n\t * The ").append(property[0]).append(" this event is about.\n\t * @return the ")
			.append(property[0]).append(", or {@code null} where the event type declares it optional and it was absent\n\t */\n");
		out.append("\t").append(property[1]).append(' ').append(property[0]).append("();\n\n}\n");
		put(EVENT_PACKAGE, name, imports, out.toString());
	}

	private void writeEventTypes(Set<String> types) {
		Imports imports = new Imports(EVENT_PACKAGE);
		imports.add("java.util.Map");
		imports.add("java.util.LinkedHashMap");
		imports.add("java.util.Collections");
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", "The event types of this version of the API, by the name in their {@code type} field.", List.of(), List.of()));
		out.append("public final class AriEventTypes {\n\n");
		out.append("\t/** The ARI version these types were generated from. */\n");
		out.append("\tpublic static final String API_VERSION = ").append(quote(this.apiVersion)).append(";\n\n");
		out.append("\t/** Every event type, keyed by name. */\n");
		out.append("\tpublic static final Map<String, Class<? extends AriEvent>> BY_NAME;\n\n\tstatic {\n");
		out.append("\t\tMap<String, Class<? extends AriEvent>> types = new LinkedHashMap<>();\n");
		for (String type : types) {
			out.append("\t\ttypes.put(").append(quote(type)).append(", ").append(type).append(".class);\n");
		}
		out.append("\t\tBY_NAME = Collections.unmodifiableMap(types);\n\t}\n\n");
		out.append("\tprivate AriEventTypes() {\n\t}\n\n}\n");
		put(EVENT_PACKAGE, "AriEventTypes", imports, out.toString());
	}

	// ------------------------------------------------------------------ clients

	private void generateClients() {
		List<String> resources = new ArrayList<>();
		for (Map.Entry<String, JsonNode> declaration : this.declarations.entrySet()) {
			String resource = declaration.getKey();
			List<Operation> operations = new ArrayList<>();
			for (JsonNode api : declaration.getValue().path("apis")) {
				for (JsonNode op : api.path("operations")) {
					if (op.has("upgrade")) {
						continue; // the events WebSocket is the listener's, not a REST call
					}
					operations.add(operation(resource, api.path("path").asString(), op));
				}
			}
			resources.add(resource);
			for (Operation operation : operations) {
				if (operation.usesParameterObject()) {
					writeParameterObject(resource, operation);
				}
			}
			writeApi(resource, declaration.getValue(), operations, false);
			writeApi(resource, declaration.getValue(), operations, true);
		}
		writeFacade(resources, false);
		writeFacade(resources, true);
		writeClientConfiguration(resources);
	}

	private Operation operation(String resource, String path, JsonNode op) {
		List<Parameter> parameters = new ArrayList<>();
		for (JsonNode p : op.path("parameters")) {
			String kind = p.path("paramType").asString();
			parameters.add(new Parameter(p.path("name").asString(), javaName(p.path("name").asString()), kind,
					p.path("dataType").asString(), kind.equals("path") || p.path("required").asBoolean(false),
					p.path("allowMultiple").asBoolean(false), p.path("description").asString(null),
					p.path("defaultValue").isMissingNode() ? null : p.path("defaultValue").asString(),
					allowedValues(p.path("allowableValues"))));
		}
		List<String[]> errors = new ArrayList<>();
		for (JsonNode e : op.path("errorResponses")) {
			errors.add(new String[] { e.path("code").asString(), e.path("reason").asString() });
		}
		return new Operation(resource, op.path("nickname").asString(), javaName(op.path("nickname").asString()),
				op.path("httpMethod").asString(), path, op.path("summary").asString(null),
				op.path("notes").asString(null), op.path("responseClass").asString(), parameters, errors);
	}

	private void writeParameterObject(String resource, Operation operation) {
		String name = operation.parameterObjectName();
		Imports imports = new Imports(CLIENT_PACKAGE);
		List<Parameter> optional = operation.optional();
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", "Optional parameters of {@link " + apiName(resource, false) + "#" + operation.javaName
				+ "}, built with {@link #builder()}. Parameters left {@code null} are not sent and Asterisk applies its default.",
				optional.stream().map((p) -> "@param " + p.javaName + " " + parameterDoc(p)).toList(), List.of()));
		out.append("public record ").append(name).append("(");
		for (Parameter parameter : optional) {
			out.append("\n\t\t").append(parameterAnnotation(parameter, imports)).append(' ')
				.append(parameterType(parameter, imports)).append(' ').append(parameter.javaName).append(',');
		}
		out.setLength(out.length() - 1);
		out.append(") implements AriParameters {\n\n");
		out.append("\t/**\n\t * Starts a builder with every parameter unset.\n\t * @return a new builder\n\t */\n");
		out.append("\tpublic static Builder builder() {\n\t\treturn new Builder();\n\t}\n\n");
		out.append("\t/**\n\t * Builder of {@link ").append(name).append("}.\n\t */\n");
		out.append("\tpublic static final class Builder {\n\n");
		for (Parameter parameter : optional) {
			out.append("\t\tprivate ").append(parameterType(parameter, imports)).append(' ').append(parameter.javaName).append(";\n\n");
		}
		out.append("\t\tprivate Builder() {\n\t\t}\n\n");
		for (Parameter parameter : optional) {
			out.append("\t\t/**\n\t\t * Sets {@code ").append(parameter.name).append("}: ").append(parameterDoc(parameter))
				.append("\n\t\t * @param ").append(parameter.javaName).append(" the value, or {@code null} to leave it unset")
				.append("\n\t\t * @return this builder\n\t\t */\n");
			out.append("\t\tpublic Builder ").append(parameter.javaName).append('(')
				.append(parameterType(parameter, imports)).append(' ').append(parameter.javaName).append(") {\n");
			out.append("\t\t\tthis.").append(parameter.javaName).append(" = ").append(parameter.javaName).append(";\n");
			out.append("\t\t\treturn this;\n\t\t}\n\n");
		}
		out.append("\t\t/**\n\t\t * Builds the parameters.\n\t\t * @return the parameters\n\t\t */\n");
		out.append("\t\tpublic ").append(name).append(" build() {\n\t\t\treturn new ").append(name).append("(")
			.append(optional.stream().map((p) -> "this." + p.javaName).collect(Collectors.joining(", ")))
			.append(");\n\t\t}\n\n\t}\n\n}\n");
		put(CLIENT_PACKAGE, name, imports, out.toString());
	}

	private String parameterAnnotation(Parameter parameter, Imports imports) {
		return switch (parameter.kind) {
			case "path" -> {
				imports.add("org.springframework.web.bind.annotation.PathVariable");
				yield "@PathVariable(" + quote(parameter.name) + ")";
			}
			case "query" -> "@AriQueryParam(" + quote(parameter.name) + ")";
			case "body" -> parameter.dataType.equals("object")
					? "@AriBodyParam(value = " + quote(parameter.name) + ", wholeBody = true)"
					: "@AriBodyParam(" + quote(parameter.name) + ")";
			default -> throw new IllegalStateException("Unsupported parameter type " + parameter.kind);
		};
	}

	private String parameterType(Parameter parameter, Imports imports) {
		if (parameter.kind.equals("body")) {
			if (parameter.name.equals("fields")) {
				imports.add("java.util.List");
				imports.add(MODEL_PACKAGE + ".ConfigTuple");
				return "List<ConfigTuple>";
			}
			imports.add("java.util.Map");
			return "Map<String, Object>";
		}
		String type = switch (parameter.dataType) {
			case "string" -> "String";
			case "int" -> "Integer";
			case "long" -> "Long";
			case "boolean" -> "Boolean";
			default -> throw new IllegalStateException("Unsupported parameter data type " + parameter.dataType);
		};
		if (parameter.multiple) {
			imports.add("java.util.List");
			return "List<" + type + ">";
		}
		return type;
	}

	private String parameterDoc(Parameter parameter) {
		StringBuilder doc = new StringBuilder(parameter.description != null ? escape(parameter.description) : parameter.name);
		if (!parameter.allowedValues.isEmpty()) {
			doc.append(" Allowed: ")
				.append(parameter.allowedValues.stream().map(AriCodeGenerator::code).collect(Collectors.joining(", ")))
				.append('.');
		}
		if (parameter.defaultValue != null) {
			doc.append(" Asterisk's default: ").append(code(parameter.defaultValue)).append('.');
		}
		if (parameter.multiple) {
			doc.append(" Sent comma-separated.");
		}
		return doc.toString();
	}

	private void writeApi(String resource, JsonNode declaration, List<Operation> operations, boolean reactive) {
		String name = apiName(resource, reactive);
		Imports imports = new Imports(CLIENT_PACKAGE);
		imports.add("org.springframework.web.service.annotation.HttpExchange");
		StringBuilder out = new StringBuilder();
		String description = "ARI {@code " + resource + "} resource"
				+ (reactive ? ", reactive: every call returns a {@code Mono} or {@code Flux} that signals an {@link AriException} on an error answer"
						: ", blocking: calls wait for Asterisk's answer and throw an {@link AriException} on an error answer")
				+ ". Built by {@link AriClientFactory}; use it through {@link " + (reactive ? "ReactiveAriClient" : "AriClient") + "#"
				+ javaName(resource) + "()}.";
		out.append(javadoc("", description, List.of(), List.of("@see " + (reactive ? apiName(resource, false) : apiName(resource, true)))));
		out.append("@HttpExchange\npublic interface ").append(name).append(" {\n");
		for (Operation operation : operations) {
			String returnType = returnType(operation.responseClass, reactive, imports);
			String exchange = switch (operation.httpMethod) {
				case "GET" -> "GetExchange";
				case "POST" -> "PostExchange";
				case "PUT" -> "PutExchange";
				case "DELETE" -> "DeleteExchange";
				default -> throw new IllegalStateException("Unsupported HTTP method " + operation.httpMethod);
			};
			imports.add("org.springframework.web.service.annotation." + exchange);
			List<Parameter> positional = operation.positional();
			List<String> tags = new ArrayList<>();
			List<String> signature = new ArrayList<>();
			for (Parameter parameter : positional) {
				tags.add("@param " + parameter.javaName + " " + parameterDoc(parameter));
				signature.add(parameterAnnotation(parameter, imports) + " " + parameterType(parameter, imports) + " " + parameter.javaName);
			}
			if (operation.usesParameterObject()) {
				tags.add("@param params the optional parameters, or {@code null} for none");
				signature.add(operation.parameterObjectName() + " params");
			}
			tags.addAll(returnAndThrows(operation, reactive));
			String text = (operation.summary != null ? escape(operation.summary) : operation.nickname)
					+ (operation.notes != null ? "\n\n" + escape(operation.notes) : "")
					+ "\n\n" + code(operation.httpMethod + " " + operation.path) + ", operation {@code "
					+ resource + "." + operation.nickname + "}.";
			out.append('\n').append(javadoc("\t", text, tags, List.of()));
			out.append("\t@").append(exchange).append('(').append(quote(operation.path)).append(")\n");
			out.append('\t').append(returnType).append(' ').append(operation.javaName).append('(');
			out.append(String.join(", ", signature)).append(");\n");
			List<Parameter> required = operation.required();
			if (required.size() < positional.size() || operation.usesParameterObject()) {
				List<String> shortTags = new ArrayList<>();
				for (Parameter parameter : required) {
					shortTags.add("@param " + parameter.javaName + " " + parameterDoc(parameter));
				}
				shortTags.addAll(returnAndThrows(operation, reactive));
				out.append('\n').append(javadoc("\t", (operation.summary != null ? escape(operation.summary) : operation.nickname)
						+ " Sends only the required parameters.", shortTags, List.of("@see #" + operation.javaName)));
				out.append("\tdefault ").append(returnType).append(' ').append(operation.javaName).append('(')
					.append(required.stream().map((p) -> parameterType(p, imports) + " " + p.javaName).collect(Collectors.joining(", ")))
					.append(") {\n\t\t").append(returnType.equals("void") ? "" : "return ").append(operation.javaName).append('(');
				List<String> arguments = new ArrayList<>();
				for (Parameter parameter : positional) {
					arguments.add(parameter.isRequired() ? parameter.javaName : "null");
				}
				if (operation.usesParameterObject()) {
					arguments.add("null");
				}
				out.append(String.join(", ", arguments)).append(");\n\t}\n");
			}
		}
		out.append("\n}\n");
		put(CLIENT_PACKAGE, name, imports, out.toString());
	}

	private List<String> returnAndThrows(Operation operation, boolean reactive) {
		List<String> tags = new ArrayList<>();
		String response = operation.responseClass;
		if (!response.equals("void")) {
			String what = response.equals("binary") ? "the file's bytes" : (response.startsWith("List[") ? "the "
					+ response.substring(5, response.length() - 1) + " list" : "the " + response);
			tags.add("@return " + (reactive ? (response.startsWith("List[") ? "a {@code Flux} of each element of " : "a {@code Mono} of ") : "") + what);
		}
		else if (reactive) {
			tags.add("@return a {@code Mono} that completes when Asterisk has answered");
		}
		StringBuilder errors = new StringBuilder(reactive ? "signalled when Asterisk answers with an error status" : "when Asterisk answers with an error status");
		if (!operation.errors.isEmpty()) {
			errors.append(", documented as: ").append(operation.errors.stream()
				.map((e) -> e[0] + " " + escape(e[1]))
				.collect(Collectors.joining("; ")));
		}
		tags.add("@throws AriException " + errors);
		tags.add("@throws AriConnectionException " + (reactive ? "signalled " : "") + "when Asterisk cannot be reached or does not answer in time");
		return tags;
	}

	private String returnType(String responseClass, boolean reactive, Imports imports) {
		if (reactive) {
			imports.add("reactor.core.publisher.Mono");
			if (responseClass.startsWith("List[")) {
				imports.add("reactor.core.publisher.Flux");
				return "Flux<" + javaType(responseClass.substring(5, responseClass.length() - 1), imports) + ">";
			}
			return "Mono<" + switch (responseClass) {
				case "void" -> "Void";
				case "binary" -> "byte[]";
				default -> javaType(responseClass, imports);
			} + ">";
		}
		return switch (responseClass) {
			case "void" -> "void";
			case "binary" -> "byte[]";
			default -> javaType(responseClass, imports);
		};
	}

	private void writeFacade(List<String> resources, boolean reactive) {
		String name = reactive ? "ReactiveAriClient" : "AriClient";
		Imports imports = new Imports(CLIENT_PACKAGE);
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", "Every ARI resource" + (reactive ? " as reactive clients" : " as blocking clients")
				+ " in one place: {@code ari.channels().answer(id)}. "
				+ (reactive ? "Nothing blocks; use it on event-loop threads." : "Do not call it on an event-loop thread; "
						+ "use {@link ReactiveAriClient} there."),
				List.of(), List.of()));
		out.append("public class ").append(name).append(" {\n\n");
		for (String resource : resources) {
			out.append("\tprivate final ").append(apiName(resource, reactive)).append(' ').append(javaName(resource)).append(";\n\n");
		}
		out.append("\t/**\n\t * Creates a facade over the given resource clients.\n");
		for (String resource : resources) {
			out.append("\t * @param ").append(javaName(resource)).append(" the {@code ").append(resource).append("} client\n");
		}
		out.append("\t */\n\tpublic ").append(name).append('(')
			.append(resources.stream().map((r) -> apiName(r, reactive) + " " + javaName(r)).collect(Collectors.joining(", ")))
			.append(") {\n");
		for (String resource : resources) {
			out.append("\t\tthis.").append(javaName(resource)).append(" = ").append(javaName(resource)).append(";\n");
		}
		out.append("\t}\n\n");
		out.append("\t/**\n\t * Creates every resource client from the given factory.\n\t * @param factory the factory\n\t * @return the facade\n\t */\n");
		out.append("\tpublic static ").append(name).append(" create(AriClientFactory factory) {\n\t\treturn new ").append(name).append('(')
			.append(resources.stream().map((r) -> "factory.create(" + apiName(r, reactive) + ".class)").collect(Collectors.joining(",\n\t\t\t\t")))
			.append(");\n\t}\n");
		for (String resource : resources) {
			out.append("\n\t/**\n\t * The {@code ").append(resource).append("} resource.\n\t * @return its client\n\t */\n");
			out.append("\tpublic ").append(apiName(resource, reactive)).append(' ').append(javaName(resource)).append("() {\n");
			out.append("\t\treturn this.").append(javaName(resource)).append(";\n\t}\n");
		}
		out.append("\n}\n");
		put(CLIENT_PACKAGE, name, imports, out.toString());
	}

	private void writeClientConfiguration(List<String> resources) {
		Imports imports = new Imports(AUTOCONFIGURE_PACKAGE);
		imports.add("org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean");
		imports.add("org.springframework.context.annotation.Bean");
		imports.add("org.springframework.context.annotation.Configuration");
		imports.add(CLIENT_PACKAGE + ".AriClient");
		imports.add(CLIENT_PACKAGE + ".AriClientFactory");
		imports.add(CLIENT_PACKAGE + ".ReactiveAriClient");
		StringBuilder out = new StringBuilder();
		out.append(javadoc("", "One replaceable bean per ARI resource client, blocking and reactive, and the two facades.", List.of(), List.of()));
		out.append("@Configuration(proxyBeanMethods = false)\nclass AriClientsConfiguration {\n");
		for (boolean reactive : new boolean[] { false, true }) {
			for (String resource : resources) {
				String api = apiName(resource, reactive);
				imports.add(CLIENT_PACKAGE + "." + api);
				out.append("\n\t@Bean\n\t@ConditionalOnMissingBean\n\t").append(api).append(' ')
					.append(Character.toLowerCase(api.charAt(0))).append(api.substring(1))
					.append("(AriClientFactory ariClientFactory) {\n\t\treturn ariClientFactory.create(").append(api).append(".class);\n\t}\n");
			}
		}
		for (boolean reactive : new boolean[] { false, true }) {
			String facade = reactive ? "ReactiveAriClient" : "AriClient";
			out.append("\n\t@Bean\n\t@ConditionalOnMissingBean\n\t").append(facade).append(' ')
				.append(reactive ? "reactiveAriClient" : "ariClient").append('(')
				.append(resources.stream().map((r) -> apiName(r, reactive) + " " + javaName(r)).collect(Collectors.joining(", ")))
				.append(") {\n\t\treturn new ").append(facade).append('(')
				.append(resources.stream().map(AriCodeGenerator::javaName).collect(Collectors.joining(", ")))
				.append(");\n\t}\n");
		}
		out.append("\n}\n");
		put(AUTOCONFIGURE_PACKAGE, "AriClientsConfiguration", imports, out.toString());
	}

	static String apiName(String resource, boolean reactive) {
		return (reactive ? "Reactive" : "") + Character.toUpperCase(resource.charAt(0)) + resource.substring(1) + "Api";
	}

	static String singular(String resource) {
		String name = Character.toUpperCase(resource.charAt(0)) + resource.substring(1);
		if (name.equals("Asterisk")) {
			return name;
		}
		if (name.endsWith("xes")) {
			return name.substring(0, name.length() - 2);
		}
		return name.endsWith("s") ? name.substring(0, name.length() - 1) : name;
	}

	// ------------------------------------------------------------------ text

	private void put(String pkg, String name, Imports imports, String body) {
		StringBuilder source = new StringBuilder();
		source.append("/*\n * Generated by ari-codegen from the ARI API declarations (Asterisk ").append(this.asteriskVersion)
			.append(", ARI ").append(this.apiVersion).append("); do not edit.\n * Regenerate with: ").append(REGENERATE)
			.append("\n */\n\n");
		source.append("package ").append(pkg).append(";\n\n");
		String importBlock = imports.render();
		if (!importBlock.isEmpty()) {
			source.append(importBlock).append('\n');
		}
		source.append(body);
		String path = pkg.replace('.', '/') + "/" + name + ".java";
		if (this.files.put(path, source.toString()) != null) {
			throw new IllegalStateException("Generated " + path + " twice");
		}
	}

	static String javaName(String name) {
		StringBuilder out = new StringBuilder();
		boolean upper = false;
		for (char c : name.toCharArray()) {
			if (c == '_' || c == '-') {
				upper = out.length() > 0;
				continue;
			}
			out.append(upper ? Character.toUpperCase(c) : c);
			upper = false;
		}
		String result = Character.toLowerCase(out.charAt(0)) + out.substring(1);
		return JAVA_KEYWORDS.contains(result) ? result + "Value" : result;
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "&#64;")
			.replace("*/", "*&#47;").replace("{", "&#123;").replace("}", "&#125;").strip();
	}

	private static String code(String text) {
		return "<code>" + escape(text) + "</code>";
	}

	private static String javadoc(String indent, String text, List<String> tags, List<String> moreTags) {
		StringBuilder out = new StringBuilder(indent).append("/**\n");
		if (text != null && !text.isBlank()) {
			String[] paragraphs = text.strip().split("\\n\\s*\\n");
			for (int i = 0; i < paragraphs.length; i++) {
				if (i > 0) {
					out.append(indent).append(" * <p>\n");
				}
				for (String line : paragraphs[i].split("\\n")) {
					out.append(indent).append(" *").append(line.isBlank() ? "" : " " + line.strip()).append('\n');
				}
			}
		}
		List<String> all = new ArrayList<>(tags);
		all.addAll(moreTags);
		if (!all.isEmpty() && text != null && !text.isBlank()) {
			out.append(indent).append(" *\n");
		}
		for (String tag : all) {
			out.append(indent).append(" * ").append(tag.replace("\n", " ")).append('\n');
		}
		out.append(indent).append(" */\n");
		return out.toString();
	}

	// ------------------------------------------------------------------ types

	record Property(String name, String javaName, String type, boolean required, String description,
			List<String> allowedValues) {
	}

	record Parameter(String name, String javaName, String kind, String dataType, boolean isRequired, boolean multiple,
			String description, String defaultValue, List<String> allowedValues) {
	}

	record Operation(String resource, String nickname, String javaName, String httpMethod, String path, String summary,
			String notes, String responseClass, List<Parameter> parameters, List<String[]> errors) {

		List<Parameter> required() {
			return this.parameters.stream().filter(Parameter::isRequired).toList();
		}

		List<Parameter> optional() {
			return this.parameters.stream().filter((p) -> !p.isRequired()).toList();
		}

		boolean usesParameterObject() {
			return optional().size() >= PARAMETER_OBJECT_THRESHOLD;
		}

		/** Required parameters first, in declaration order, then the optional ones unless they are in a parameter object. */
		List<Parameter> positional() {
			List<Parameter> result = new ArrayList<>(required());
			if (!usesParameterObject()) {
				result.addAll(optional());
			}
			return result;
		}

		String parameterObjectName() {
			return singular(this.resource) + Character.toUpperCase(this.javaName.charAt(0)) + this.javaName.substring(1)
					+ "Params";
		}

	}

	static final class Imports {

		private final String pkg;

		private final Set<String> names = new TreeSet<>(Comparator.comparing(Imports::group).thenComparing((s) -> s));

		Imports(String pkg) {
			this.pkg = pkg;
		}

		void add(String name) {
			String owner = name.substring(0, name.lastIndexOf('.'));
			if (!owner.equals(this.pkg) && !owner.equals("java.lang")) {
				this.names.add(name);
			}
		}

		private static int group(String name) {
			if (name.startsWith("java.")) {
				return 0;
			}
			if (name.startsWith("javax.")) {
				return 1;
			}
			if (name.startsWith(PACKAGE)) {
				return 3;
			}
			return 2;
		}

		String render() {
			StringBuilder out = new StringBuilder();
			int previous = -1;
			for (String name : this.names) {
				int group = group(name);
				if (previous != -1 && group != previous) {
					out.append('\n');
				}
				out.append("import ").append(name).append(";\n");
				previous = group;
			}
			return out.toString();
		}

		@Override
		public String toString() {
			return this.names.stream().collect(Collectors.joining(", ")).toLowerCase(Locale.ROOT);
		}

	}

}
