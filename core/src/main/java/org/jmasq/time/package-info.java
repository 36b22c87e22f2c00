/**
 * Time for the pure core when nothing real should move it: the core reads time only from an
 * injected {@link java.time.InstantSource} or {@link java.time.Clock}, and the simulator and the
 * tests inject a {@link org.jmasq.time.ManualClock}.
 */
package org.jmasq.time;
