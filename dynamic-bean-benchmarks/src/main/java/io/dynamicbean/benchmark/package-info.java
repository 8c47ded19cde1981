/**
 * JMH benchmarks of dynamic-bean: the generator graphs it runs on, and the memcached session codec.
 */
@NullMarked
package io.dynamicbean.benchmark;

import org.jspecify.annotations.NullMarked;
