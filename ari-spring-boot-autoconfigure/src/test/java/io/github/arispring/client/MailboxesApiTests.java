package io.github.arispring.client;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.arispring.model.Mailbox;

import static io.github.arispring.client.AriWireMock.delete;
import static io.github.arispring.client.AriWireMock.get;
import static io.github.arispring.client.AriWireMock.put;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link MailboxesApi} and {@link ReactiveMailboxesApi} against recorded Asterisk answers.
 */
class MailboxesApiTests {

	@RegisterExtension
	static final AriWireMock ari = new AriWireMock();

	@Test
	void mailboxesListAndGetShouldReadMessageCounts() {
		ari.respond("mailboxes/list.json");
		List<List<Mailbox>> lists = ari.call(get("/ari/mailboxes"), () -> ari.client(MailboxesApi.class).list(),
				() -> ari.client(ReactiveMailboxesApi.class).list().collectList());
		ari.respond("mailboxes/get.json");
		List<Mailbox> mailboxes = ari.call(get("/ari/mailboxes/1000%40samples"),
				() -> ari.client(MailboxesApi.class).get("1000@samples"),
				() -> ari.client(ReactiveMailboxesApi.class).get("1000@samples"));
		assertThat(lists).allSatisfy((list) -> assertThat(list).containsExactlyElementsOf(mailboxes.subList(0, 1)));
		assertThat(mailboxes).allSatisfy((mailbox) -> {
			assertThat(mailbox.name()).isEqualTo("1000@samples");
			assertThat(mailbox.oldMessages()).isEqualTo(1);
			assertThat(mailbox.newMessages()).isEqualTo(2);
		});
	}

	@Test
	void mailboxesUpdateAndDeleteShouldSendCounts() {
		ari.respondNoContent();
		ari.run(put("/ari/mailboxes/1000%40samples").query("oldMessages", "1").query("newMessages", "2"),
				() -> ari.client(MailboxesApi.class).update("1000@samples", 1, 2),
				() -> ari.client(ReactiveMailboxesApi.class).update("1000@samples", 1, 2));
		ari.run(delete("/ari/mailboxes/1000%40samples"), () -> ari.client(MailboxesApi.class).delete("1000@samples"),
				() -> ari.client(ReactiveMailboxesApi.class).delete("1000@samples"));
	}

}
