/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.l7check;

import java.net.URI;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Tests for the HTTP contract of {@link L7CheckHandler} as auto-configured, with the default
 * allow-list ({@code 127.0.0.1}, {@code ::1}) and a token.
 */
@SpringBootTest(classes = L7CheckTestApplication.class,
		properties = "dynamic-bean.l7check.token=" + L7CheckHandlerTests.TOKEN)
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class L7CheckHandlerTests {

	static final String TOKEN = "0123456789abcdef-token";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ApplicationAvailability availability;

	@Autowired
	private ApplicationContext context;

	@BeforeEach
	void acceptTraffic() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.ACCEPTING_TRAFFIC);
	}

	@Test
	void answers200UpWhileAcceptingTraffic() throws Exception {
		this.mvc.perform(get("/monitor/l7check"))
			.andExpect(status().isOk())
			.andExpect(content().string("UP"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
			.andExpect(header().string("Cache-Control", "no-store"));
		this.mvc.perform(head("/monitor/l7check")).andExpect(status().isOk());
	}

	@Test
	void answers503DownWhileRefusingTraffic() throws Exception {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		this.mvc.perform(get("/monitor/l7check"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string("DOWN"));
	}

	@Test
	void anAllowedClientWithTheTokenTakesTheInstanceDownAndUp(CapturedOutput output) throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string("DOWN"));
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isServiceUnavailable());
		this.mvc.perform(change("UP").with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isOk())
			.andExpect(content().string("UP"));
		assertThat(this.availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(output).contains("L7 check changed from UP to DOWN by 127.0.0.1",
				"L7 check changed from DOWN to UP by 127.0.0.1");
	}

	@Test
	void anIpv6LoopbackClientMayChangeIt() throws Exception {
		this.mvc.perform(change("DOWN").with(from("0:0:0:0:0:0:0:1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isServiceUnavailable());
	}

	@Test
	void ignoresWhiteSpaceAroundTheBodyAndACharset() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType("text/plain;charset=UTF-8")
			.content(" DOWN\r\n")
			.with(from("127.0.0.1"))
			.header("X-L7-Token", TOKEN)).andExpect(status().isServiceUnavailable());
	}

	@Test
	void settingTheSameStateAgainIsLoggedAsUnchanged(CapturedOutput output) throws Exception {
		this.mvc.perform(change("UP").with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
			.andExpect(status().isOk());
		assertThat(output).contains("L7 check set to UP (unchanged) by 127.0.0.1");
	}

	@Test
	void refusesADisallowedAddressAndLogsIt(CapturedOutput output) throws Exception {
		this.mvc.perform(change("DOWN").with(from("192.0.2.7")).header("X-L7-Token", TOKEN))
			.andExpect(status().isForbidden());
		assertStillUp();
		assertThat(output).contains("Refused to change the L7 check for 192.0.2.7: address not in "
				+ "dynamic-bean.l7check.allowed-addresses");
	}

	@Test
	void refusesAnIpv4ClientOutsideTheListWithoutAnErrorFromTheIpv6Rule() throws Exception {
		this.mvc.perform(change("DOWN").with(from("0.0.0.0")).header("X-L7-Token", TOKEN))
			.andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void refusesAnIpv6ClientOutsideTheList() throws Exception {
		this.mvc.perform(change("DOWN").with(from("2001:db8::7")).header("X-L7-Token", TOKEN))
			.andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void ignoresSpoofedForwardedHeaders() throws Exception {
		this.mvc.perform(change("DOWN").with(from("192.0.2.7"))
			.header("X-L7-Token", TOKEN)
			.header("X-Forwarded-For", "127.0.0.1")
			.header("X-Real-IP", "127.0.0.1")
			.header("Forwarded", "for=127.0.0.1")).andExpect(status().isForbidden());
		assertStillUp();
	}

	@Test
	void refusesPutCarryingForwardedHeaderFromUntrustedProxy(CapturedOutput output) throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1"))
			.header("X-L7-Token", TOKEN)
			.header("X-Forwarded-For", "192.0.2.7")).andExpect(status().isForbidden());
		assertStillUp();
		assertThat(output).contains("Refused to change the L7 check for 127.0.0.1: it carries X-Forwarded-For but "
				+ "127.0.0.1 is not a trusted proxy");
	}

	@Test
	void refusesAPercentEncodedSpellingOfThePathThatSpringRoutesToTheSwitch(CapturedOutput output) throws Exception {
		this.mvc.perform(put(URI.create("/%6Donitor/l7check")).contentType(MediaType.TEXT_PLAIN)
			.content("DOWN")
			.header("X-L7-Token", TOKEN)
			.with(from("127.0.0.1"))).andExpect(status().isForbidden());
		assertStillUp();
		assertThat(output).contains("Refused to change the L7 check for 127.0.0.1: the path is not spelled canonically");
	}

	@Test
	void answersTheCheckAtAnEncodedSpellingAsSpringRoutesIt() throws Exception {
		this.mvc.perform(get(URI.create("/%6Donitor/l7check"))).andExpect(status().isOk());
	}

	@Test
	void refusesAMissingOrWrongTokenAndLogsWhy(CapturedOutput output) throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1"))).andExpect(status().isForbidden());
		this.mvc.perform(change("DOWN").with(from("127.0.0.1")).header("X-L7-Token", TOKEN.toUpperCase()))
			.andExpect(status().isForbidden());
		assertStillUp();
		assertThat(output).contains("Refused to change the L7 check for 127.0.0.1: no X-L7-Token header",
				"Refused to change the L7 check for 127.0.0.1: wrong X-L7-Token header");
		assertThat(output).doesNotContain(TOKEN.toUpperCase());
	}

	@Test
	void refusesAnotherContentTypeAfterTheAccessCheck(CapturedOutput output) throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.APPLICATION_JSON)
			.content("\"DOWN\"")
			.with(from("127.0.0.1"))
			.header("X-L7-Token", TOKEN)).andExpect(status().isUnsupportedMediaType());
		this.mvc.perform(put("/monitor/l7check").header("Content-Type", "not a media type")
			.content("DOWN")
			.with(from("127.0.0.1"))
			.header("X-L7-Token", TOKEN)).andExpect(status().isUnsupportedMediaType());
		assertStillUp();
		assertThat(output).contains("Refused to change the L7 check for 127.0.0.1: content type is not text/plain");
	}

	@Test
	void refusesABodyOtherThanUpOrDown(CapturedOutput output) throws Exception {
		for (String body : new String[] { "", "down", "MAINTENANCE", "DOWN DOWN", "DOWN" + " ".repeat(70) + "x" }) {
			this.mvc.perform(change(body).with(from("127.0.0.1")).header("X-L7-Token", TOKEN))
				.andExpect(status().isBadRequest());
		}
		assertStillUp();
		assertThat(output).contains("Refused to change the L7 check for 127.0.0.1: body is not UP or DOWN");
	}

	@Test
	void decidesAccessBeforeLookingAtTheContentTypeOrBody() throws Exception {
		this.mvc.perform(put("/monitor/l7check").contentType(MediaType.APPLICATION_JSON)
			.content("nonsense")
			.with(from("192.0.2.1"))).andExpect(status().isForbidden());
		this.mvc.perform(put("/monitor/l7check").header("Content-Type", "not a media type")
			.with(from("192.0.2.1"))).andExpect(status().isForbidden());
	}

	@Test
	void answersOptionsAndOtherMethodsWithTheAllowedOnes() throws Exception {
		this.mvc.perform(post("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content("DOWN"))
			.andExpect(status().isMethodNotAllowed())
			.andExpect(header().string("Allow", "GET,HEAD,PUT"));
		this.mvc.perform(options("/monitor/l7check"))
			.andExpect(status().isOk())
			.andExpect(header().string("Allow", "GET,HEAD,PUT"));
		assertStillUp();
	}

	@Test
	void keepsALogLineOnOneLine(CapturedOutput output) throws Exception {
		this.mvc.perform(change("DOWN").with(from("127.0.0.1\nforged line"))).andExpect(status().isForbidden());
		assertThat(output).contains("Refused to change the L7 check for 127.0.0.1?forged?line");
	}

	private void assertStillUp() throws Exception {
		assertThat(this.availability.getReadinessState()).as("readiness after a refused change")
			.isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isOk());
	}

	private static MockHttpServletRequestBuilder change(String body) {
		return put("/monitor/l7check").contentType(MediaType.TEXT_PLAIN).content(body);
	}

	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
