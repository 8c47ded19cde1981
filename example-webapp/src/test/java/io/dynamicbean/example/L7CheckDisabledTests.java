/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.example;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The example with its L7 check switched off: it starts, and the check's path is an ordinary,
 * protected one.
 */
@SpringBootTest(properties = { "dynamic-bean.memcached.servers=127.0.0.1:1", "dynamic-bean.l7check.enabled=false" })
@AutoConfigureMockMvc
class L7CheckDisabledTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void startsWithoutTheCheckAndProtectsItsPathLikeAnyOther() throws Exception {
		this.mvc.perform(get("/monitor/l7check")).andExpect(status().isUnauthorized());
	}

}
