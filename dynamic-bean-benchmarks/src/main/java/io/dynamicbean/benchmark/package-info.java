/**
 * JMH benchmarks of dynamic-bean and the generator graphs they run on.
 */
@NullMarked
package io.dynamicbean.benchmark;

import org.jspecify.annotations.NullMarked;
