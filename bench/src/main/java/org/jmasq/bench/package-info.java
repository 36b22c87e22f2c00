/** JMH benchmarks of the core logic, run by hand (see BENCHMARKS.md), never by the build. */
package org.jmasq.bench;
