package io.github.arispring.env;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link IniPropertySourceLoader}.
 */
class IniPropertySourceLoaderTests {

	/** phpari's documented phpari.ini, with real values in place of the placeholders. */
	static final String PHPARI_INI = """
			[general]
			debug=0
			logfile=console ; console for direct console output, filename for file based logging

			[asterisk_ari]
			username=asterisk
			password=asterisk
			host=pbx.example.com
			port=8088
			endpoint=/ari
			transport=ws ; ws for none encrypted, wss for encrypted (currently, only ws is supported)

			[asterisk_manager]
			username=amimaster
			password=amimaster
			host=127.0.0.1
			port=5038
			""";

	private final IniPropertySourceLoader loader = new IniPropertySourceLoader();

	@Test
	void fileExtensionsShouldBeIni() {
		assertThat(this.loader.getFileExtensions()).containsExactly("ini");
	}

	@Test
	void loadWhenDocumentedPhpariIniShouldMapAsteriskAriOntoAriProperties() throws IOException {
		PropertySource<?> source = load(PHPARI_INI);
		assertThat(source.getProperty("ari.username")).isEqualTo("asterisk");
		assertThat(source.getProperty("ari.password")).isEqualTo("asterisk");
		assertThat(source.getProperty("ari.url")).isEqualTo("http://pbx.example.com:8088/ari");
		assertThat(source.containsProperty("ari.applications[0]")).isFalse();
	}

	@Test
	void loadWhenDocumentedPhpariIniShouldExposeEverySectionsKeys() throws IOException {
		PropertySource<?> source = load(PHPARI_INI);
		assertThat(source.getProperty("general.debug")).isEqualTo("0");
		assertThat(source.getProperty("general.logfile")).isEqualTo("console");
		assertThat(source.getProperty("asterisk_ari.transport")).isEqualTo("ws");
		assertThat(source.getProperty("asterisk_ari.endpoint")).isEqualTo("/ari");
		assertThat(source.getProperty("asterisk_manager.username")).isEqualTo("amimaster");
		assertThat(source.getProperty("asterisk_manager.host")).isEqualTo("127.0.0.1");
		assertThat(source.getProperty("asterisk_manager.port")).isEqualTo("5038");
	}

	@Test
	void loadWhenTransportIsWssShouldUseHttps() throws IOException {
		PropertySource<?> source = load("""
				[asterisk_ari]
				host=pbx.example.com
				port=8089
				endpoint=/ari
				transport=wss
				""");
		assertThat(source.getProperty("ari.url")).isEqualTo("https://pbx.example.com:8089/ari");
	}

	@Test
	void loadWhenOnlyHostShouldUseDefaultEndpointWithoutPort() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\nhost=pbx\n");
		assertThat(source.getProperty("ari.url")).isEqualTo("http://pbx/ari");
	}

	@Test
	void loadWhenEndpointHasNoLeadingSlashShouldAddIt() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\nhost=pbx\nport=8088\nendpoint=asterisk/ari\n");
		assertThat(source.getProperty("ari.url")).isEqualTo("http://pbx:8088/asterisk/ari");
	}

	@Test
	void loadWhenHostIsIpv6AddressShouldBracketIt() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\nhost=::1\nport=8088\n");
		assertThat(source.getProperty("ari.url")).isEqualTo("http://[::1]:8088/ari");
	}

	@Test
	void loadWhenNoHostShouldNotSetUrl() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\nusername=asterisk\nport=8088\n");
		assertThat(source.containsProperty("ari.url")).isFalse();
		assertThat(source.getProperty("ari.username")).isEqualTo("asterisk");
	}

	@Test
	void loadWhenApplicationAndApplicationsShouldListEachNameOnce() throws IOException {
		PropertySource<?> source = load("""
				[asterisk_ari]
				application=hello-world
				applications=ivr, hello-world ,,queue
				""");
		assertThat(source.getProperty("ari.applications[0]")).isEqualTo("hello-world");
		assertThat(source.getProperty("ari.applications[1]")).isEqualTo("ivr");
		assertThat(source.getProperty("ari.applications[2]")).isEqualTo("queue");
		assertThat(source.containsProperty("ari.applications[3]")).isFalse();
	}

	@Test
	void loadWhenSectionAndKeysDifferInCaseShouldStillMapPhpariSettings() throws IOException {
		PropertySource<?> source = load("[ASTERISK_ARI]\nUserName=asterisk\nHost=pbx\n");
		assertThat(source.getProperty("ari.username")).isEqualTo("asterisk");
		assertThat(source.getProperty("ari.url")).isEqualTo("http://pbx/ari");
		assertThat(source.getProperty("ASTERISK_ARI.UserName")).isEqualTo("asterisk");
	}

	@Test
	void loadWhenNoAsteriskAriSectionShouldSetNoAriProperty() throws IOException {
		PropertySource<?> source = load("[asterisk_manager]\nhost=127.0.0.1\n");
		assertThat(((OriginTrackedMapPropertySource) source).getPropertyNames())
			.containsExactly("asterisk_manager.host");
	}

	@Test
	void loadWhenCommentsShouldIgnoreThem() throws IOException {
		PropertySource<?> source = load("""
				; a comment
				# another comment
				  ; an indented comment
				[general] ; a comment after a section
				a=1 ; inline
				b=2 # inline
				c=;
				d=#
				""");
		assertThat(((OriginTrackedMapPropertySource) source).getPropertyNames())
			.containsExactly("general.a", "general.b", "general.c", "general.d");
		assertThat(source.getProperty("general.a")).isEqualTo("1");
		assertThat(source.getProperty("general.b")).isEqualTo("2");
		assertThat(source.getProperty("general.c")).isEqualTo("");
		assertThat(source.getProperty("general.d")).isEqualTo("");
	}

	@Test
	void loadWhenCommentCharacterIsPartOfAWordShouldKeepIt() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\npassword=abc#12;3\n");
		assertThat(source.getProperty("ari.password")).isEqualTo("abc#12;3");
	}

	@Test
	void loadWhenValuesAreQuotedShouldUnquoteThem() throws IOException {
		PropertySource<?> source = load("""
				[asterisk_ari]
				username = "ari user"
				password='se ;cr #et' ; comment
				applications="a, b"
				[other]
				escaped="say \\"hi\\" \\\\ bye"
				single='a\\b'
				empty=""
				""");
		assertThat(source.getProperty("ari.username")).isEqualTo("ari user");
		assertThat(source.getProperty("ari.password")).isEqualTo("se ;cr #et");
		assertThat(source.getProperty("ari.applications[1]")).isEqualTo("b");
		assertThat(source.getProperty("other.escaped")).isEqualTo("say \"hi\" \\ bye");
		assertThat(source.getProperty("other.single")).isEqualTo("a\\b");
		assertThat(source.getProperty("other.empty")).isEqualTo("");
	}

	@Test
	void loadWhenBlankLinesAndSpacesShouldTrimKeysAndValues() throws IOException {
		PropertySource<?> source = load("\n\n   \n[ general ]\n\t debug \t=\t 1 \t\n\n");
		assertThat(source.getProperty("general.debug")).isEqualTo("1");
	}

	@Test
	void loadWhenKeysBeforeAnySectionShouldUseKeyAlone() throws IOException {
		PropertySource<?> source = load("top=level\n[general]\ndebug=1\n");
		assertThat(source.getProperty("top")).isEqualTo("level");
		assertThat(source.getProperty("general.debug")).isEqualTo("1");
	}

	@Test
	void loadWhenKeyRepeatsShouldKeepLastValue() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\nhost=first\nhost=second\n");
		assertThat(source.getProperty("asterisk_ari.host")).isEqualTo("second");
		assertThat(source.getProperty("ari.url")).isEqualTo("http://second/ari");
	}

	@Test
	void loadWhenValueContainsEqualsShouldSplitAtFirst() throws IOException {
		PropertySource<?> source = load("[asterisk_ari]\npassword=a=b\n");
		assertThat(source.getProperty("ari.password")).isEqualTo("a=b");
	}

	@Test
	void loadWhenFileStartsWithByteOrderMarkShouldIgnoreIt() throws IOException {
		PropertySource<?> source = load("\uFEFF[general]\ndebug=1\n");
		assertThat(source.getProperty("general.debug")).isEqualTo("1");
	}

	@Test
	void loadWhenEmptyShouldReturnNoPropertySource() throws IOException {
		assertThat(this.loader.load("test", resource("; nothing but a comment\n\n"))).isEmpty();
	}

	@Test
	void loadShouldTrackTheLineOfEachValue() throws IOException {
		OriginTrackedMapPropertySource source = (OriginTrackedMapPropertySource) load(PHPARI_INI);
		TextResourceOrigin password = (TextResourceOrigin) source.getOrigin("ari.password");
		assertThat(password.getLocation().getLine()).isEqualTo(6);
		assertThat(password.getLocation().getColumn()).isEqualTo(9);
		TextResourceOrigin url = (TextResourceOrigin) source.getOrigin("ari.url");
		assertThat(url.getLocation().getLine()).isEqualTo(7);
		assertThat(password.getResource().getDescription()).contains("phpari.ini");
	}

	@Test
	void loadWhenLineIsNeitherSectionNorKeyValueShouldFailNamingFileAndLine() {
		assertThatExceptionOfType(InvalidIniFileException.class)
			.isThrownBy(() -> load("[asterisk_ari]\nusername=asterisk\npassword asterisk\n"))
			.satisfies((ex) -> {
				assertThat(ex.lineNumber()).isEqualTo(3);
				assertThat(ex.file()).contains("phpari.ini");
			})
			.withMessageContaining("phpari.ini")
			.withMessageContaining("line 3")
			.withMessageNotContaining("asterisk");
	}

	@Test
	void loadWhenSectionIsNotClosedShouldFailNamingLine() {
		assertThatExceptionOfType(InvalidIniFileException.class).isThrownBy(() -> load("a=1\n\n[asterisk_ari\n"))
			.withMessageContaining("line 3")
			.withMessageContaining("no closing ']'");
	}

	@Test
	void loadWhenSectionNameIsEmptyShouldFail() {
		assertThatExceptionOfType(InvalidIniFileException.class).isThrownBy(() -> load("[ ]\n"))
			.withMessageContaining("line 1");
	}

	@Test
	void loadWhenTextFollowsSectionShouldFail() {
		assertThatExceptionOfType(InvalidIniFileException.class).isThrownBy(() -> load("[general] debug=1\n"))
			.withMessageContaining("line 1");
	}

	@Test
	void loadWhenKeyIsMissingShouldFail() {
		assertThatExceptionOfType(InvalidIniFileException.class).isThrownBy(() -> load("[general]\n=1\n"))
			.withMessageContaining("line 2");
	}

	@Test
	void loadWhenEqualsIsOnlyInACommentShouldFail() {
		assertThatExceptionOfType(InvalidIniFileException.class)
			.isThrownBy(() -> load("[general]\ndebug ; set debug=1 to debug\n"))
			.withMessageContaining("line 2");
	}

	@Test
	void loadWhenQuoteIsNotClosedShouldFail() {
		assertThatExceptionOfType(InvalidIniFileException.class)
			.isThrownBy(() -> load("[asterisk_ari]\npassword=\"secret\n"))
			.withMessageContaining("line 2")
			.withMessageNotContaining("secret");
	}

	@Test
	void loadWhenTextFollowsQuotedValueShouldFail() {
		assertThatExceptionOfType(InvalidIniFileException.class)
			.isThrownBy(() -> load("[asterisk_ari]\n\npassword=\"a\" b\n"))
			.withMessageContaining("line 3");
	}

	private PropertySource<?> load(String content) throws IOException {
		List<PropertySource<?>> sources = this.loader.load("test", resource(content));
		assertThat(sources).hasSize(1);
		return sources.get(0);
	}

	private static ByteArrayResource resource(String content) {
		return new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8), "phpari.ini");
	}

}
