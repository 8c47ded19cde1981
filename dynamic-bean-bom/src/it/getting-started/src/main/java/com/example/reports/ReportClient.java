package com.example.reports;

/** Stands for a client of a server that may be down when the application starts. */
public class ReportClient {

	private final String server;

	public ReportClient(String server) {
		this.server = server;
	}

	public String server() {
		return this.server;
	}

}
