/** The {@code jmasq} command line: parses and checks options, then runs the chosen command. */
package org.jmasq.cli;
