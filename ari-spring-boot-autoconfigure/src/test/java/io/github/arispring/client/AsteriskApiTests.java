package io.github.arispring.client;

import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.AsteriskInfo;
import io.github.arispring.model.AsteriskPing;
import io.github.arispring.model.ConfigTuple;
import io.github.arispring.model.LogChannel;
import io.github.arispring.model.Module;
import io.github.arispring.model.Variable;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.post;
import static io.github.arispring.client.AriWireMock.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AsteriskApi} and {@link ReactiveAsteriskApi} against recorded Asterisk answers.
 */
class AsteriskApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void asteriskGetInfoShouldReadEverySection() {
		ari.respond("asterisk/getInfo.json");
		List<AsteriskInfo> infos = ari.call(get("/ari/asterisk/info"), () -> ari.client(AsteriskApi.class).getInfo(),
				() -> ari.client(ReactiveAsteriskApi.class).getInfo());
		assertThat(infos).allSatisfy((info) -> {
			assertThat(info.build().os()).isEqualTo("Linux");
			assertThat(info.build().date()).isEqualTo("2026-11-28 03:02:23 UTC");
			assertThat(info.system().version()).isEqualTo("23.4.1");
			assertThat(info.system().entityId()).isEqualTo("02:fc:00:00:00:01");
			assertThat(info.config().defaultLanguage()).isEqualTo("en");
			assertThat(info.config().maxChannels()).isNull();
			assertThat(info.config().setid().user()).isEmpty();
			assertThat(info.status().startupTime()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:29:33.226Z"));
		});
	}

	@Test
	void asteriskGetInfoShouldJoinOnlyWithCommas() {
		ari.respond("asterisk/getInfo.only-system-status.json");
		List<AsteriskInfo> infos = ari.call(get("/ari/asterisk/info").query("only", "system,status"),
				() -> ari.client(AsteriskApi.class).getInfo(List.of("system", "status")),
				() -> ari.client(ReactiveAsteriskApi.class).getInfo(List.of("system", "status")));
		assertThat(infos).allSatisfy((info) -> {
			assertThat(info.build()).isNull();
			assertThat(info.config()).isNull();
			assertThat(info.system().version()).isEqualTo("23.4.1");
			assertThat(info.status().lastReloadTime()).isEqualTo(OffsetDateTime.parse("2026-11-28T03:29:33.226Z"));
		});
	}

	@Test
	void asteriskPingShouldReadPong() {
		ari.respond("asterisk/ping.json");
		List<AsteriskPing> pings = ari.call(get("/ari/asterisk/ping"), () -> ari.client(AsteriskApi.class).ping(),
				() -> ari.client(ReactiveAsteriskApi.class).ping());
		assertThat(pings).allSatisfy((ping) -> {
			assertThat(ping.ping()).isEqualTo("pong");
			assertThat(ping.asteriskId()).isEqualTo("02:fc:00:00:00:01");
			assertThat(ping.timestamp()).isEqualTo("2026-11-28T03:31:01.450+0000");
		});
	}

	@Test
	void asteriskUpdateObjectShouldSendFieldsBody() {
		ari.respond("asterisk/getObject.json");
		List<ConfigTuple> fields = List.of(new ConfigTuple("password", "readonly", null),
				new ConfigTuple("read_only", "yes", null));
		List<List<ConfigTuple>> results = ari.call(put("/ari/asterisk/config/dynamic/res_ari/user/readonly").body("""
				{"fields": [{"attribute": "password", "value": "readonly"},
					{"attribute": "read_only", "value": "yes"}]}"""),
				() -> ari.client(AsteriskApi.class).updateObject("res_ari", "user", "readonly", fields),
				() -> ari.client(ReactiveAsteriskApi.class)
					.updateObject("res_ari", "user", "readonly", fields)
					.collectList());
		assertThat(results).allSatisfy((tuples) -> assertThat(tuples).extracting(ConfigTuple::attribute)
			.containsExactly("password_format", "password", "read_only"));
	}

	@Test
	void asteriskGetAndDeleteObjectShouldUseConfigPath() {
		ari.respond("asterisk/getObject.json");
		List<List<ConfigTuple>> results = ari.call(get("/ari/asterisk/config/dynamic/res_ari/user/readonly"),
				() -> ari.client(AsteriskApi.class).getObject("res_ari", "user", "readonly"),
				() -> ari.client(ReactiveAsteriskApi.class).getObject("res_ari", "user", "readonly").collectList());
		assertThat(results).allSatisfy((tuples) -> assertThat(tuples).first()
			.satisfies((tuple) -> assertThat(tuple.value()).isEqualTo("plain")));
		ari.respondNoContent();
		ari.run(delete("/ari/asterisk/config/dynamic/res_ari/user/readonly"),
				() -> ari.client(AsteriskApi.class).deleteObject("res_ari", "user", "readonly"),
				() -> ari.client(ReactiveAsteriskApi.class).deleteObject("res_ari", "user", "readonly"));
	}

	@Test
	void asteriskGlobalVarShouldSendVariableAndValue() {
		ari.respondNoContent();
		ari.run(post("/ari/asterisk/variable").query("variable", "SAMPLE_GLOBAL").query("value", "hello"),
				() -> ari.client(AsteriskApi.class).setGlobalVar("SAMPLE_GLOBAL", "hello"),
				() -> ari.client(ReactiveAsteriskApi.class).setGlobalVar("SAMPLE_GLOBAL", "hello"));
		ari.respond("asterisk/getGlobalVar.json");
		List<Variable> values = ari.call(get("/ari/asterisk/variable").query("variable", "SAMPLE_GLOBAL"),
				() -> ari.client(AsteriskApi.class).getGlobalVar("SAMPLE_GLOBAL"),
				() -> ari.client(ReactiveAsteriskApi.class).getGlobalVar("SAMPLE_GLOBAL"));
		assertThat(values).extracting(Variable::value).containsOnly("hello");
	}

	@Test
	void asteriskModulesShouldUseEveryMethod() {
		ari.respond("asterisk/listModules.json");
		List<List<Module>> lists = ari.call(get("/ari/asterisk/modules"),
				() -> ari.client(AsteriskApi.class).listModules(),
				() -> ari.client(ReactiveAsteriskApi.class).listModules().collectList());
		assertThat(lists).allSatisfy((modules) -> assertThat(modules).hasSize(238)
			.first()
			.satisfies((module) -> assertThat(module.name()).isEqualTo("acl")));
		ari.respond("asterisk/getModule.json");
		List<Module> modules = ari.call(get("/ari/asterisk/modules/res_ari.so"),
				() -> ari.client(AsteriskApi.class).getModule("res_ari.so"),
				() -> ari.client(ReactiveAsteriskApi.class).getModule("res_ari.so"));
		assertThat(modules).allSatisfy((module) -> {
			assertThat(module.description()).isEqualTo("Asterisk RESTful Interface");
			assertThat(module.useCount()).isEqualTo(13);
			assertThat(module.supportLevel()).isEqualTo("core");
		});
		ari.respondNoContent();
		ari.run(post("/ari/asterisk/modules/res_ari.so"), () -> ari.client(AsteriskApi.class).loadModule("res_ari.so"),
				() -> ari.client(ReactiveAsteriskApi.class).loadModule("res_ari.so"));
		ari.run(put("/ari/asterisk/modules/res_ari.so"), () -> ari.client(AsteriskApi.class).reloadModule("res_ari.so"),
				() -> ari.client(ReactiveAsteriskApi.class).reloadModule("res_ari.so"));
		ari.run(delete("/ari/asterisk/modules/res_ari.so"),
				() -> ari.client(AsteriskApi.class).unloadModule("res_ari.so"),
				() -> ari.client(ReactiveAsteriskApi.class).unloadModule("res_ari.so"));
	}

	@Test
	void asteriskLoggingShouldSendConfigurationWithSpaces() {
		ari.respond("asterisk/listLogChannels.json");
		List<List<LogChannel>> lists = ari.call(get("/ari/asterisk/logging"),
				() -> ari.client(AsteriskApi.class).listLogChannels(),
				() -> ari.client(ReactiveAsteriskApi.class).listLogChannels().collectList());
		assertThat(lists).allSatisfy((channels) -> assertThat(channels).extracting(LogChannel::channel)
			.containsExactly("", "/var/log/asterisk/messages.log"));
		ari.respondNoContent();
		ari.run(post("/ari/asterisk/logging/sample-log").query("configuration", "NOTICE WARNING ERROR"),
				() -> ari.client(AsteriskApi.class).addLog("sample-log", "NOTICE WARNING ERROR"),
				() -> ari.client(ReactiveAsteriskApi.class).addLog("sample-log", "NOTICE WARNING ERROR"));
		ari.run(put("/ari/asterisk/logging/sample-log/rotate"),
				() -> ari.client(AsteriskApi.class).rotateLog("sample-log"),
				() -> ari.client(ReactiveAsteriskApi.class).rotateLog("sample-log"));
		ari.run(delete("/ari/asterisk/logging/sample-log"), () -> ari.client(AsteriskApi.class).deleteLog("sample-log"),
				() -> ari.client(ReactiveAsteriskApi.class).deleteLog("sample-log"));
	}

}
