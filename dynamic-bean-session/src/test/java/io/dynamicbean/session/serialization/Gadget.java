/*
 * Copyright 2026 the original author or authors.
 * Licensed under the Apache License, Version 2.0.
 */
package io.dynamicbean.session.serialization;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/**
 * A serializable class that is on no allow-list, and records whether it was ever deserialized
 * (as a gadget class would run code in its {@code readObject}).
 */
public class Gadget implements Serializable {

	private static volatile boolean deserialized;

	private final String payload;

	public Gadget(String payload) {
		this.payload = payload;
	}

	public String getPayload() {
		return this.payload;
	}

	public static boolean wasDeserialized() {
		return deserialized;
	}

	public static void reset() {
		deserialized = false;
	}

	private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
		deserialized = true;
		in.defaultReadObject();
	}

}
