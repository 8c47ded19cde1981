package com.example.reports;

import java.time.Duration;

import io.dynamicbean.DynamicBeanFactory;
import io.dynamicbean.DynamicBeanState;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest
class ReportsApplicationTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	DynamicBeanFactory dynamicBeanFactory;

	@Autowired
	ReportClientGenerator generator;

	@Test
	void startsWithTheServerDownThenGeneratesTheClient() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.dynamicBeanFactory.getStatus("reportClient").state())
				.isEqualTo(DynamicBeanState.ACTIVE));
		assertThat(this.dynamicBeanFactory.getStatus("reportClient").attempts()).isEqualTo(2);
		assertThat(this.context.getBean(ReportClient.class).server()).isEqualTo("reports.internal:9000");
		assertThat(this.generator.switchedOver).isTrue();
	}

}
